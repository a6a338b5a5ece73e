package io.loonflow.bpmn.ticket.expression;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed expression node; evaluation is a plain tree walk over these whitelisted node kinds. */
abstract class Node {

    /** Per-evaluation state: the caller's values (bound once per key, so {@code {a} is {a}}) and the clock. */
    static final class Context {
        private final Map<String, ?> values;
        private final Map<String, Object> bound = new HashMap<>();
        final Clock clock;

        Context(Map<String, ?> values, Clock clock) {
            this.values = values;
            this.clock = clock;
        }

        Object placeholder(String key) {
            if (!bound.containsKey(key)) {
                bound.put(key, Py.bind(values.get(key), key));
            }
            return bound.get(key);
        }
    }

    final int pos;

    Node(int pos) {
        this.pos = pos;
    }

    abstract Object eval(Context ctx);

    static Object[] evalAll(Node[] nodes, Context ctx) {
        Object[] values = new Object[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            values[k] = nodes[k] == null ? Builtins.MISSING : nodes[k].eval(ctx);
        }
        return values;
    }

    static final class Constant extends Node {
        private final Object value;

        Constant(int pos, Object value) {
            super(pos);
            this.value = value;
        }

        @Override
        Object eval(Context ctx) {
            return value;
        }
    }

    static final class Placeholder extends Node {
        private final String key;

        Placeholder(int pos, String key) {
            super(pos);
            this.key = key;
        }

        @Override
        Object eval(Context ctx) {
            return ctx.placeholder(key);
        }
    }

    /** A list or tuple display; a new object on every evaluation, as in Python. */
    static final class Display extends Node {
        private final Node[] items;
        private final boolean tuple;

        Display(int pos, Node[] items, boolean tuple) {
            super(pos);
            this.items = items;
            this.tuple = tuple;
        }

        @Override
        Object eval(Context ctx) {
            List<Object> values = new ArrayList<>(items.length);
            for (Node item : items) {
                values.add(item.eval(ctx));
            }
            return tuple ? new PyTuple(values) : values;
        }
    }

    static final class Not extends Node {
        private final Node operand;

        Not(int pos, Node operand) {
            super(pos);
            this.operand = operand;
        }

        @Override
        Object eval(Context ctx) {
            return !Py.truthy(operand.eval(ctx));
        }
    }

    static final class Unary extends Node {
        private final String op;
        private final Node operand;

        Unary(int pos, String op, Node operand) {
            super(pos);
            this.op = op;
            this.operand = operand;
        }

        @Override
        Object eval(Context ctx) {
            Object v = operand.eval(ctx);
            return op.equals("-") ? Py.negate(v) : Py.plus(v);
        }
    }

    /** {@code a and b and c} / {@code a or b}: short-circuits and yields an operand, as in Python. */
    static final class BoolOp extends Node {
        private final boolean and;
        private final Node[] operands;

        BoolOp(int pos, boolean and, Node[] operands) {
            super(pos);
            this.and = and;
            this.operands = operands;
        }

        @Override
        Object eval(Context ctx) {
            Object v = operands[0].eval(ctx);
            for (int k = 1; k < operands.length; k++) {
                if (Py.truthy(v) != and) {
                    return v;
                }
                v = operands[k].eval(ctx);
            }
            return v;
        }
    }

    /** A comparison chain: {@code a < b <= c} is {@code a < b and b <= c} with b evaluated once. */
    static final class Compare extends Node {
        private final Node[] operands;
        private final String[] ops;

        Compare(int pos, Node[] operands, String[] ops) {
            super(pos);
            this.operands = operands;
            this.ops = ops;
        }

        @Override
        Object eval(Context ctx) {
            Object left = operands[0].eval(ctx);
            for (int k = 0; k < ops.length; k++) {
                Object right = operands[k + 1].eval(ctx);
                if (!Py.compare(ops[k], left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
    }

    /** A left-associative run of + - or * / // %, evaluated in a loop rather than a deep tree. */
    static final class Arithmetic extends Node {
        private final Node[] operands;
        private final String[] ops;

        Arithmetic(int pos, Node[] operands, String[] ops) {
            super(pos);
            this.operands = operands;
            this.ops = ops;
        }

        @Override
        Object eval(Context ctx) {
            Object v = operands[0].eval(ctx);
            for (int k = 0; k < ops.length; k++) {
                v = Py.binary(ops[k], v, operands[k + 1].eval(ctx));
            }
            return v;
        }
    }

    static final class Power extends Node {
        private final Node base;
        private final Node exponent;

        Power(int pos, Node base, Node exponent) {
            super(pos);
            this.base = base;
            this.exponent = exponent;
        }

        @Override
        Object eval(Context ctx) {
            Object b = base.eval(ctx);
            return Py.power(b, exponent.eval(ctx));
        }
    }

    static final class Conditional extends Node {
        private final Node test;
        private final Node then;
        private final Node otherwise;

        Conditional(int pos, Node test, Node then, Node otherwise) {
            super(pos);
            this.test = test;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(Context ctx) {
            return Py.truthy(test.eval(ctx)) ? then.eval(ctx) : otherwise.eval(ctx);
        }
    }

    /** A call of a whitelisted function; arguments were matched to parameters when parsing. */
    static final class Call extends Node {
        private final String path;
        private final Node[] args;

        Call(int pos, String path, Node[] args) {
            super(pos);
            this.path = path;
            this.args = args;
        }

        @Override
        Object eval(Context ctx) {
            return Builtins.call(path, evalAll(args, ctx), ctx.clock);
        }
    }

    static final class MethodCall extends Node {
        private final Node target;
        private final String name;
        private final Node[] args;

        MethodCall(int pos, Node target, String name, Node[] args) {
            super(pos);
            this.target = target;
            this.name = name;
            this.args = args;
        }

        @Override
        Object eval(Context ctx) {
            Object t = target.eval(ctx);
            return Builtins.method(name, t, evalAll(args, ctx));
        }
    }

    static final class Property extends Node {
        private final Node target;
        private final String name;

        Property(int pos, Node target, String name) {
            super(pos);
            this.target = target;
            this.name = name;
        }

        @Override
        Object eval(Context ctx) {
            return Builtins.property(name, target.eval(ctx));
        }
    }

    static final class Subscript extends Node {
        private final Node target;
        private final Node index;

        Subscript(int pos, Node target, Node index) {
            super(pos);
            this.target = target;
            this.index = index;
        }

        @Override
        Object eval(Context ctx) {
            Object t = target.eval(ctx);
            return Py.index(t, index.eval(ctx));
        }
    }
}
