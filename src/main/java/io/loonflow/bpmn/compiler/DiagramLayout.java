package io.loonflow.bpmn.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.loonflow.bpmn.compiler.ProcessGraph.Block;
import io.loonflow.bpmn.compiler.ProcessGraph.Flow;
import io.loonflow.bpmn.compiler.ProcessGraph.Kind;
import io.loonflow.bpmn.compiler.ProcessGraph.Node;

/**
 * A layered left-to-right diagram for a {@link ProcessGraph} (a small Sugiyama layout with orthogonal edges).
 * <ol>
 *   <li>Each block (a state's task, callback and gateway side by side, or an event) is one vertex. A depth-first
 *       search from the start event marks return transitions (edges back to a vertex on the search stack, self
 *       loops included); the others form a DAG that is layered by longest path.</li>
 *   <li>Forward edges spanning several layers get one dummy vertex per crossed layer, so they pass through their
 *       own empty cell of each column instead of through shapes.</li>
 *   <li>Vertices are ordered within layers by barycenter sweeps (keeping the order with the fewest crossings),
 *       then given grid rows, each vertex as close to the median row of its predecessors as the order allows.</li>
 *   <li>Every column is followed by a channel; each vertical edge segment gets its own track in a channel, tracks
 *       ordered to avoid crossings and overlaps. Forward edges run right from the gateway, down or up in a
 *       channel, and right into the target's left side. Return edges run to a lane above or below all rows,
 *       back along it, and into the target from the channel in front of it.</li>
 * </ol>
 * Shapes live in disjoint grid cells, so none overlap; boundary timers sit on their task's bottom border.
 */
final class DiagramLayout {

    static final double TASK_WIDTH = 100;
    static final double TASK_HEIGHT = 80;
    static final double GATEWAY_SIZE = 50;
    static final double EVENT_SIZE = 36;
    static final double MARGIN = 40;
    static final double NODE_GAP = 50;
    static final double ROW_GAP = 70;
    static final double MIN_CHANNEL = 70;
    static final double TRACK_SPACING = 14;
    static final double LANE_SPACING = 18;
    static final double TIMER_SPACING = 44;
    static final double ENTRY_SPACING = 15;

    record Point(double x, double y) {
    }

    record Box(double x, double y, double width, double height) {

        double centerX() {
            return x + width / 2;
        }

        double centerY() {
            return y + height / 2;
        }

        double right() {
            return x + width;
        }

        double bottom() {
            return y + height;
        }
    }

    /** Shape bounds by node id, waypoints by flow id, and the ids of the flows drawn as return edges. */
    record Layout(Map<String, Box> shapes, Map<String, List<Point>> edges, Set<String> returnFlows) {
    }

    private enum Side { LEFT, RIGHT }

    /** A vertical piece of an edge in a channel, with the directions its horizontal ends leave in. */
    private record Segment(String flowId, double y1, Side side1, double y2, Side side2) {

        double low() {
            return Math.min(y1, y2);
        }

        double high() {
            return Math.max(y1, y2);
        }

        boolean spans(double y) {
            return y > low() + 0.5 && y < high() - 0.5;
        }
    }

    /** An edge between blocks: a transition's flow or the flow out of the start event. */
    private record Link(Flow flow, int source, int target) {
    }

    private final ProcessGraph graph;
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Integer> blockOf = new HashMap<>();
    private final List<Block> blocks;
    private final List<Link> links = new ArrayList<>();
    private final Set<Link> returnLinks = new HashSet<>();
    private final Map<String, Integer> timersOnHost = new HashMap<>();

    // vertices: 0..blocks-1 are blocks, the rest dummies
    private final List<Integer> layerOf = new ArrayList<>();
    private final Map<Link, int[]> dummyChain = new HashMap<>();
    private final List<List<Integer>> successors = new ArrayList<>();
    private final List<List<Integer>> predecessors = new ArrayList<>();
    private List<List<Integer>> layers;
    private int[] rowOf;

    private DiagramLayout(ProcessGraph graph) {
        this.graph = graph;
        this.blocks = graph.blocks();
        graph.nodes().forEach(node -> nodes.put(node.id(), node));
        for (int b = 0; b < blocks.size(); b++) {
            for (String id : blocks.get(b).nodes()) {
                blockOf.put(id, b);
            }
        }
        for (Node node : graph.nodes()) {
            if (node.kind() == Kind.TIMER) {
                timersOnHost.merge(node.attachedTo(), 1, Integer::sum);
            }
        }
    }

    static Layout layout(ProcessGraph graph) {
        return new DiagramLayout(graph).run();
    }

    private Layout run() {
        collectLinks();
        findReturnLinks();
        assignLayers();
        addDummies();
        orderLayers();
        assignRows();
        return place();
    }

    private void collectLinks() {
        for (Flow flow : graph.flows()) {
            Node source = nodes.get(flow.source());
            if (source.kind() == Kind.TIMER) {
                continue;
            }
            int from = blockOf.get(flow.source());
            int to = blockOf.get(flow.target());
            List<String> chain = blocks.get(from).nodes();
            if (from == to && chain.indexOf(flow.target()) == chain.indexOf(flow.source()) + 1) {
                continue; // inside a block
            }
            links.add(new Link(flow, from, to));
        }
    }

    /**
     * Every other edge into the start state goes back to it; the rest are found depth-first from the start event
     * (block 0), then from any block not reached.
     */
    private void findReturnLinks() {
        int n = blocks.size();
        int startState = links.stream().filter(link -> link.source() == 0).findFirst().map(Link::target).orElse(-1);
        links.stream().filter(link -> link.target() == startState && link.source() != 0).forEach(returnLinks::add);
        Map<Integer, List<Link>> out = new HashMap<>();
        links.forEach(link -> out.computeIfAbsent(link.source(), k -> new ArrayList<>()).add(link));
        int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            List<int[]> stack = new ArrayList<>(); // {vertex, next link index}
            stack.add(new int[] {root, 0});
            state[root] = 1;
            while (!stack.isEmpty()) {
                int[] top = stack.get(stack.size() - 1);
                List<Link> edges = out.getOrDefault(top[0], List.of());
                if (top[1] == edges.size()) {
                    state[top[0]] = 2;
                    stack.remove(stack.size() - 1);
                    continue;
                }
                Link link = edges.get(top[1]++);
                if (returnLinks.contains(link)) {
                    continue;
                }
                if (state[link.target()] == 1) {
                    returnLinks.add(link);
                } else if (state[link.target()] == 0) {
                    state[link.target()] = 1;
                    stack.add(new int[] {link.target(), 0});
                }
            }
        }
    }

    /** Longest path from the sources over the forward links. */
    private void assignLayers() {
        int n = blocks.size();
        int[] indegree = new int[n];
        Map<Integer, List<Link>> out = new HashMap<>();
        for (Link link : links) {
            if (!returnLinks.contains(link)) {
                indegree[link.target()]++;
                out.computeIfAbsent(link.source(), k -> new ArrayList<>()).add(link);
            }
        }
        int[] layer = new int[n];
        List<Integer> ready = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            if (indegree[b] == 0) {
                ready.add(b);
            }
        }
        while (!ready.isEmpty()) {
            int b = ready.remove(0);
            for (Link link : out.getOrDefault(b, List.of())) {
                layer[link.target()] = Math.max(layer[link.target()], layer[b] + 1);
                if (--indegree[link.target()] == 0) {
                    ready.add(link.target());
                }
            }
        }
        for (int b = 0; b < n; b++) {
            layerOf.add(layer[b]);
            successors.add(new ArrayList<>());
            predecessors.add(new ArrayList<>());
        }
    }

    private void addDummies() {
        for (Link link : links) {
            if (returnLinks.contains(link)) {
                continue;
            }
            int from = layerOf.get(link.source());
            int to = layerOf.get(link.target());
            int[] chain = new int[to - from + 1];
            chain[0] = link.source();
            chain[chain.length - 1] = link.target();
            for (int layer = from + 1; layer < to; layer++) {
                int dummy = layerOf.size();
                layerOf.add(layer);
                successors.add(new ArrayList<>());
                predecessors.add(new ArrayList<>());
                chain[layer - from] = dummy;
            }
            for (int i = 0; i + 1 < chain.length; i++) {
                successors.get(chain[i]).add(chain[i + 1]);
                predecessors.get(chain[i + 1]).add(chain[i]);
            }
            dummyChain.put(link, chain);
        }
    }

    private void orderLayers() {
        int maxLayer = layerOf.stream().mapToInt(Integer::intValue).max().orElse(0);
        layers = new ArrayList<>();
        for (int l = 0; l <= maxLayer; l++) {
            layers.add(new ArrayList<>());
        }
        for (int v : initialOrder()) {
            layers.get(layerOf.get(v)).add(v);
        }
        List<List<Integer>> best = copy(layers);
        int bestCrossings = crossings();
        for (int iteration = 0; iteration < 24 && bestCrossings > 0; iteration++) {
            if (iteration % 2 == 0) {
                for (int l = 1; l <= maxLayer; l++) {
                    sortByBarycenter(layers.get(l), predecessors, layers.get(l - 1));
                }
            } else {
                for (int l = maxLayer - 1; l >= 0; l--) {
                    sortByBarycenter(layers.get(l), successors, layers.get(l + 1));
                }
            }
            int current = crossings();
            if (current < bestCrossings) {
                bestCrossings = current;
                best = copy(layers);
            }
        }
        layers = best;
    }

    /** Vertices in depth-first order from the start event along forward edges, so chains start out aligned. */
    private List<Integer> initialOrder() {
        List<Integer> order = new ArrayList<>();
        boolean[] seen = new boolean[layerOf.size()];
        for (int root = 0; root < layerOf.size(); root++) {
            if (seen[root] || (root < blocks.size() && !predecessors.get(root).isEmpty())) {
                continue;
            }
            List<Integer> stack = new ArrayList<>(List.of(root));
            while (!stack.isEmpty()) {
                int v = stack.remove(stack.size() - 1);
                if (seen[v]) {
                    continue;
                }
                seen[v] = true;
                order.add(v);
                List<Integer> next = successors.get(v);
                for (int i = next.size() - 1; i >= 0; i--) {
                    stack.add(next.get(i));
                }
            }
        }
        for (int v = 0; v < layerOf.size(); v++) {
            if (!seen[v]) {
                order.add(v);
            }
        }
        return order;
    }

    private static void sortByBarycenter(List<Integer> layer, List<List<Integer>> neighbours, List<Integer> other) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < other.size(); i++) {
            position.put(other.get(i), i);
        }
        Map<Integer, Double> key = new HashMap<>();
        for (int i = 0; i < layer.size(); i++) {
            int v = layer.get(i);
            List<Integer> adjacent = neighbours.get(v);
            double sum = 0;
            int count = 0;
            for (int u : adjacent) {
                Integer p = position.get(u);
                if (p != null) {
                    sum += p;
                    count++;
                }
            }
            key.put(v, count == 0 ? i : sum / count);
        }
        layer.sort(Comparator.comparingDouble(key::get)); // stable: ties keep their order
    }

    private int crossings() {
        int total = 0;
        for (int l = 0; l + 1 < layers.size(); l++) {
            Map<Integer, Integer> position = new HashMap<>();
            List<Integer> next = layers.get(l + 1);
            for (int i = 0; i < next.size(); i++) {
                position.put(next.get(i), i);
            }
            List<int[]> edges = new ArrayList<>();
            List<Integer> layer = layers.get(l);
            for (int i = 0; i < layer.size(); i++) {
                for (int w : successors.get(layer.get(i))) {
                    edges.add(new int[] {i, position.get(w)});
                }
            }
            for (int a = 0; a < edges.size(); a++) {
                for (int b = a + 1; b < edges.size(); b++) {
                    int[] e = edges.get(a);
                    int[] f = edges.get(b);
                    if ((e[0] - f[0]) * (e[1] - f[1]) < 0) {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    private static List<List<Integer>> copy(List<List<Integer>> layers) {
        List<List<Integer>> result = new ArrayList<>();
        layers.forEach(layer -> result.add(new ArrayList<>(layer)));
        return result;
    }

    /** Rows keep each layer's order; a vertex moves down to its predecessors' median row when there is room. */
    private void assignRows() {
        rowOf = new int[layerOf.size()];
        for (List<Integer> layer : layers) {
            int previous = -1;
            for (int v : layer) {
                List<Integer> rows = new ArrayList<>();
                for (int u : predecessors.get(v)) {
                    if (layerOf.get(u) == layerOf.get(v) - 1) {
                        rows.add(rowOf[u]);
                    }
                }
                rows.sort(null);
                int desired = rows.isEmpty() ? previous + 1 : rows.get((rows.size() - 1) / 2);
                rowOf[v] = Math.max(desired, previous + 1);
                previous = rowOf[v];
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // coordinates and routing

    private double width(Node node) {
        if (node.isTask()) {
            int timers = timersOnHost.getOrDefault(node.id(), 0);
            return Math.max(TASK_WIDTH, 30 + timers * TIMER_SPACING);
        }
        return node.kind() == Kind.GATEWAY ? GATEWAY_SIZE : EVENT_SIZE;
    }

    private double height(Node node) {
        if (node.isTask()) {
            return TASK_HEIGHT;
        }
        return node.kind() == Kind.GATEWAY ? GATEWAY_SIZE : EVENT_SIZE;
    }

    private double blockWidth(Block block) {
        double sum = 0;
        for (String id : block.nodes()) {
            sum += width(nodes.get(id));
        }
        return sum + NODE_GAP * (block.nodes().size() - 1);
    }

    private Layout place() {
        int columns = layers.size();
        int rows = 0;
        for (int row : rowOf) {
            rows = Math.max(rows, row + 1);
        }
        int maxTimers = timersOnHost.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double rowPitch = TASK_HEIGHT + Math.max(ROW_GAP, EVENT_SIZE / 2 + 24 + 8 * maxTimers);

        double[] columnWidth = new double[columns];
        Arrays.fill(columnWidth, EVENT_SIZE);
        for (int b = 0; b < blocks.size(); b++) {
            columnWidth[layerOf.get(b)] = Math.max(columnWidth[layerOf.get(b)], blockWidth(blocks.get(b)));
        }

        // return edges: nested by span, the longest outermost; above the rows when they live in the upper half
        List<Link> returns = new ArrayList<>(links.stream().filter(returnLinks::contains).toList());
        returns.sort(Comparator.comparingInt((Link link) -> layerOf.get(link.source()) - layerOf.get(link.target()))
                .thenComparingInt(link -> layerOf.get(link.source())));
        Map<Link, Integer> laneAbove = new HashMap<>();
        Map<Link, Integer> laneBelow = new HashMap<>();
        for (Link link : returns) {
            boolean above = rowOf[link.source()] + rowOf[link.target()] < rows - 1;
            if (above) {
                laneAbove.put(link, laneAbove.size());
            } else {
                laneBelow.put(link, laneBelow.size());
            }
        }
        double top = MARGIN + (laneAbove.isEmpty() ? 0 : laneAbove.size() * LANE_SPACING + 10);
        // below the last row's timer flows, which stay 20 above the next row
        double rowsBottom = top + (rows - 1) * rowPitch + rowPitch - 10;

        Map<String, Box> shapes = new LinkedHashMap<>();
        double[] rowCenter = new double[rows];
        for (int r = 0; r < rows; r++) {
            rowCenter[r] = top + r * rowPitch + TASK_HEIGHT / 2;
        }

        // entry points on the left side of each block's first node, spread by the direction edges come from
        Map<Link, Double> approach = new HashMap<>();
        for (Link link : links) {
            double y;
            if (returnLinks.contains(link)) {
                y = laneAbove.containsKey(link) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else {
                int[] chain = dummyChain.get(link);
                y = rowCenter[rowOf[chain[chain.length - 2]]];
            }
            approach.put(link, y);
        }
        Map<Integer, List<Link>> incoming = new HashMap<>();
        links.forEach(link -> incoming.computeIfAbsent(link.target(), k -> new ArrayList<>()).add(link));
        Map<Link, Double> entryY = new HashMap<>();
        for (Map.Entry<Integer, List<Link>> entry : incoming.entrySet()) {
            Node first = nodes.get(blocks.get(entry.getKey()).first());
            double center = rowCenter[rowOf[entry.getKey()]];
            List<Link> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingDouble(approach::get));
            if (!first.isTask() || sorted.size() == 1) {
                sorted.forEach(link -> entryY.put(link, center));
                continue;
            }
            // evenly spaced slots within the task's side, shifted so an edge arriving level stays straight
            double room = TASK_HEIGHT - 10;
            double spacing = Math.min(ENTRY_SPACING, room / (sorted.size() - 1));
            int level = -1;
            for (int i = 0; i < sorted.size() && level < 0; i++) {
                if (Math.abs(approach.get(sorted.get(i)) - center) < 0.5) {
                    level = i;
                }
            }
            double span = spacing * (sorted.size() - 1);
            double offset = level < 0 ? center - span / 2 : center - level * spacing;
            offset = Math.max(center - room / 2, Math.min(offset, center + room / 2 - span));
            for (int i = 0; i < sorted.size(); i++) {
                entryY.put(sorted.get(i), Math.rint(offset + i * spacing));
            }
        }

        // lanes of the return edges
        Map<Link, Double> laneY = new HashMap<>();
        laneAbove.forEach((link, i) -> laneY.put(link, top - 10 - (i + 1) * LANE_SPACING + LANE_SPACING));
        laneBelow.forEach((link, i) -> laneY.put(link, rowsBottom + i * LANE_SPACING));

        // vertical segments per channel (channel c lies right of column c; -1 is left of column 0)
        Map<Integer, List<Segment>> channels = new HashMap<>();
        Map<String, List<double[]>> hops = new HashMap<>(); // flow -> {channel, y1, y2}
        for (Link link : links) {
            String id = link.flow().id();
            List<double[]> pieces = new ArrayList<>();
            double startY = rowCenter[rowOf[link.source()]];
            if (returnLinks.contains(link)) {
                double lane = laneY.get(link);
                int out = layerOf.get(link.source());
                int in = layerOf.get(link.target()) - 1;
                pieces.add(new double[] {out, startY, lane});
                pieces.add(new double[] {in, lane, entryY.get(link)});
                channel(channels, out).add(new Segment(id, startY, Side.LEFT, lane, Side.LEFT));
                channel(channels, in).add(new Segment(id, lane, Side.RIGHT, entryY.get(link), Side.RIGHT));
            } else {
                int[] chain = dummyChain.get(link);
                double y = startY;
                for (int i = 0; i + 1 < chain.length; i++) {
                    double next = i + 2 == chain.length ? entryY.get(link) : rowCenter[rowOf[chain[i + 1]]];
                    int c = layerOf.get(link.source()) + i;
                    pieces.add(new double[] {c, y, next});
                    if (Math.abs(next - y) > 0.5) {
                        channel(channels, c).add(new Segment(id, y, Side.LEFT, next, Side.RIGHT));
                    }
                    y = next;
                }
            }
            hops.put(id, pieces);
        }

        // channel widths and column positions
        double[] channelWidth = new double[columns + 1]; // index c + 1
        for (int c = -1; c < columns; c++) {
            int tracks = channels.getOrDefault(c, List.of()).size();
            channelWidth[c + 1] = c == -1 && tracks == 0 ? 0 : Math.max(MIN_CHANNEL, (tracks + 1) * TRACK_SPACING);
        }
        double[] columnX = new double[columns];
        double x = MARGIN + channelWidth[0];
        for (int c = 0; c < columns; c++) {
            columnX[c] = x;
            x += columnWidth[c] + channelWidth[c + 1];
        }
        Map<String, Map<Integer, Double>> trackX = new HashMap<>();
        for (Map.Entry<Integer, List<Segment>> entry : channels.entrySet()) {
            int c = entry.getKey();
            List<Segment> ordered = orderTracks(entry.getValue());
            double left = c == -1 ? MARGIN : columnX[c] + columnWidth[c];
            double spacing = channelWidth[c + 1] / (ordered.size() + 1);
            for (int i = 0; i < ordered.size(); i++) {
                trackX.computeIfAbsent(ordered.get(i).flowId(), k -> new HashMap<>())
                        .put(c, Math.rint(left + spacing * (i + 1)));
            }
        }

        // shapes
        for (int b = 0; b < blocks.size(); b++) {
            double cx = columnX[layerOf.get(b)];
            double cy = rowCenter[rowOf[b]];
            for (String id : blocks.get(b).nodes()) {
                Node node = nodes.get(id);
                double w = width(node);
                double h = height(node);
                shapes.put(id, new Box(cx, cy - h / 2, w, h));
                cx += w + NODE_GAP;
            }
        }
        Map<String, Integer> timerIndex = new HashMap<>(); // 0 = rightmost on its host
        Map<String, Integer> timersPlaced = new HashMap<>();
        for (Node node : graph.nodes()) {
            if (node.kind() == Kind.TIMER) {
                Box host = shapes.get(node.attachedTo());
                int i = timersPlaced.merge(node.attachedTo(), 1, Integer::sum) - 1;
                timerIndex.put(node.id(), i);
                double centerX = host.right() - 25 - i * TIMER_SPACING;
                shapes.put(node.id(), new Box(centerX - EVENT_SIZE / 2, host.bottom() - EVENT_SIZE / 2, EVENT_SIZE,
                        EVENT_SIZE));
            }
        }

        // edges
        Map<String, List<Point>> edges = new LinkedHashMap<>();
        Map<String, Link> linkByFlow = new HashMap<>();
        links.forEach(link -> linkByFlow.put(link.flow().id(), link));
        for (Flow flow : graph.flows()) {
            Box source = shapes.get(flow.source());
            Box target = shapes.get(flow.target());
            List<Point> points = new ArrayList<>();
            Link link = linkByFlow.get(flow.id());
            if (nodes.get(flow.source()).kind() == Kind.TIMER) {
                // down from the timer, right below the task, up into the gateway; timers further left run deeper
                double depth = source.bottom() + 12 + 8 * timerIndex.get(flow.source());
                points.add(new Point(source.centerX(), source.bottom()));
                points.add(new Point(source.centerX(), depth));
                points.add(new Point(target.centerX(), depth));
                points.add(new Point(target.centerX(), target.bottom()));
            } else if (link == null) {
                points.add(new Point(source.right(), source.centerY()));
                points.add(new Point(target.x(), target.centerY()));
            } else {
                points.add(new Point(source.right(), source.centerY()));
                Map<Integer, Double> tracks = trackX.getOrDefault(flow.id(), Map.of());
                for (double[] hop : hops.get(flow.id())) {
                    Double track = tracks.get((int) hop[0]);
                    if (track != null) {
                        points.add(new Point(track, hop[1]));
                        points.add(new Point(track, hop[2]));
                    }
                }
                double endY = entryY.get(link);
                points.add(new Point(target.x(), endY));
            }
            edges.put(flow.id(), simplify(points));
        }
        Set<String> returnFlows = new HashSet<>();
        returnLinks.forEach(link -> returnFlows.add(link.flow().id()));
        return new Layout(shapes, edges, returnFlows);
    }

    private static List<Segment> channel(Map<Integer, List<Segment>> channels, int c) {
        return channels.computeIfAbsent(c, k -> new ArrayList<>());
    }

    /**
     * Orders a channel's vertical segments left to right. The cost of a pair only depends on which of the two is
     * left (crossings count 1, overlapping horizontals 10), so moving one segment to its cheapest position never
     * raises the total; repeat until no move helps.
     */
    private static List<Segment> orderTracks(List<Segment> segments) {
        List<Segment> order = new ArrayList<>(segments);
        boolean improved = true;
        for (int pass = 0; improved && pass < 2 * order.size() + 2; pass++) {
            improved = false;
            for (int i = 0; i < order.size(); i++) {
                Segment moving = order.remove(i);
                int best = -1;
                int bestCost = Integer.MAX_VALUE;
                int current = 0;
                for (int p = 0; p <= order.size(); p++) {
                    int cost = 0;
                    for (int k = 0; k < order.size(); k++) {
                        cost += k < p ? cost(order.get(k), moving) : cost(moving, order.get(k));
                    }
                    if (p == i) {
                        current = cost;
                    }
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = p;
                    }
                }
                if (bestCost < current) {
                    order.add(best, moving);
                    improved = true;
                } else {
                    order.add(i, moving);
                }
            }
        }
        return order;
    }

    /** Crossings (and weighted overlaps) when {@code left}'s track is left of {@code right}'s. */
    static int cost(Segment left, Segment right) {
        int cost = 0;
        for (int end = 0; end < 2; end++) {
            double y = end == 0 ? left.y1() : left.y2();
            Side side = end == 0 ? left.side1() : left.side2();
            if (side == Side.RIGHT) { // passes the right track
                if (right.spans(y)) {
                    cost++;
                }
                if (leavesLeftAt(right, y)) {
                    cost += 10;
                }
            }
        }
        for (int end = 0; end < 2; end++) {
            double y = end == 0 ? right.y1() : right.y2();
            Side side = end == 0 ? right.side1() : right.side2();
            if (side == Side.LEFT && left.spans(y)) { // passes the left track
                cost++;
            }
        }
        return cost;
    }

    private static boolean leavesLeftAt(Segment segment, double y) {
        return (Math.abs(segment.y1() - y) < 0.5 && segment.side1() == Side.LEFT)
                || (Math.abs(segment.y2() - y) < 0.5 && segment.side2() == Side.LEFT);
    }

    /** Drops repeated points and middle points of straight runs. */
    static List<Point> simplify(List<Point> points) {
        List<Point> result = new ArrayList<>();
        for (Point p : points) {
            if (!result.isEmpty()) {
                Point last = result.get(result.size() - 1);
                if (Math.abs(last.x() - p.x()) < 0.01 && Math.abs(last.y() - p.y()) < 0.01) {
                    continue;
                }
            }
            if (result.size() >= 2) {
                Point a = result.get(result.size() - 2);
                Point b = result.get(result.size() - 1);
                boolean vertical = Math.abs(a.x() - b.x()) < 0.01 && Math.abs(b.x() - p.x()) < 0.01;
                boolean horizontal = Math.abs(a.y() - b.y()) < 0.01 && Math.abs(b.y() - p.y()) < 0.01;
                if (vertical || horizontal) {
                    result.set(result.size() - 1, p);
                    continue;
                }
            }
            result.add(p);
        }
        return result;
    }
}
