package io.loonflow.bpmn.compiler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/** Draws a compiled diagram as PNG, for looking at layouts while working on them (not used by assertions). */
final class DiagramPng {

    private DiagramPng() {
    }

    static void write(DiagramChecks diagram, File file) {
        double maxX = 0;
        double maxY = 0;
        for (DiagramChecks.Rect r : diagram.shapes.values()) {
            maxX = Math.max(maxX, r.x() + r.w());
            maxY = Math.max(maxY, r.y() + r.h());
        }
        for (List<double[]> points : diagram.edges.values()) {
            for (double[] p : points) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        BufferedImage image = new BufferedImage((int) maxX + 40, (int) maxY + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setStroke(new BasicStroke(1.2f));
        for (var entry : diagram.edges.entrySet()) {
            g.setColor(entry.getKey().contains("timer") ? new Color(0, 120, 0) : new Color(30, 60, 200));
            List<double[]> points = entry.getValue();
            for (int i = 0; i + 1 < points.size(); i++) {
                g.drawLine((int) points.get(i)[0], (int) points.get(i)[1], (int) points.get(i + 1)[0],
                        (int) points.get(i + 1)[1]);
            }
            double[] end = points.get(points.size() - 1);
            g.fillOval((int) end[0] - 3, (int) end[1] - 3, 6, 6);
            FlowElement flow = diagram.model.getModelElementById(entry.getKey());
            if (flow.getName() != null && points.size() > 1) {
                double[] a = points.get(points.size() - 2);
                g.drawString(flow.getName(), (int) ((a[0] + end[0]) / 2) - 10, (int) ((a[1] + end[1]) / 2) - 3);
            }
        }
        for (DiagramChecks.Rect r : diagram.shapes.values()) {
            Object element = diagram.model.getModelElementById(r.id());
            g.setColor(Color.WHITE);
            if (element instanceof Event) {
                g.fillOval((int) r.x(), (int) r.y(), (int) r.w(), (int) r.h());
                g.setColor(element instanceof BoundaryEvent ? new Color(0, 120, 0) : Color.BLACK);
                g.drawOval((int) r.x(), (int) r.y(), (int) r.w(), (int) r.h());
            } else if (element instanceof ExclusiveGateway) {
                int[] xs = {(int) (r.x() + r.w() / 2), (int) (r.x() + r.w()), (int) (r.x() + r.w() / 2), (int) r.x()};
                int[] ys = {(int) r.y(), (int) (r.y() + r.h() / 2), (int) (r.y() + r.h()), (int) (r.y() + r.h() / 2)};
                g.fillPolygon(xs, ys, 4);
                g.setColor(Color.BLACK);
                g.drawPolygon(xs, ys, 4);
            } else {
                g.fillRoundRect((int) r.x(), (int) r.y(), (int) r.w(), (int) r.h(), 10, 10);
                g.setColor(Color.BLACK);
                g.drawRoundRect((int) r.x(), (int) r.y(), (int) r.w(), (int) r.h(), 10, 10);
                g.drawString(r.id(), (int) r.x() + 4, (int) r.y() + 20);
            }
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
