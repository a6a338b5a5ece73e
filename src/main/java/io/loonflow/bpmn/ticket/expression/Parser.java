package io.loonflow.bpmn.ticket.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the Python expression subset, with Python's precedence:
 * {@code x if c else y} &lt; {@code or} &lt; {@code and} &lt; {@code not} &lt; comparisons &lt; {@code + -} &lt;
 * {@code * / // %} &lt; unary {@code + -} &lt; {@code **} &lt; calls, attributes, subscripts. Names, attributes and
 * calls are checked against {@link Builtins} here, so a forbidden construct is rejected before anything runs.
 */
final class Parser {

    /** Deepest nesting of brackets, calls, subscripts and unary operators. */
    static final int MAX_DEPTH = 50;

    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");
    private static final Set<String> STATEMENTS = Set.of("assert", "async", "await", "break", "class", "continue",
            "def", "del", "global", "import", "from", "nonlocal", "pass", "raise", "return", "try", "while", "with",
            "yield", "lambda");
    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=");
    private static final Set<String> BITWISE = Set.of("|", "^", "&", "<<", ">>", "~");

    /** The result of parsing: the tree and the placeholder keys it uses, in order of appearance. */
    static final class Compiled {
        final Node root;
        final Set<String> placeholders;

        Compiled(Node root, Set<String> placeholders) {
            this.root = root;
            this.placeholders = Collections.unmodifiableSet(placeholders);
        }
    }

    private final List<Token> tokens;
    private int p;
    private int depth;
    private final Set<String> placeholders = new LinkedHashSet<>();

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Compiled parse(String source) {
        Parser parser = new Parser(Lexer.tokenize(source));
        return new Compiled(parser.top(), parser.placeholders);
    }

    // ---- token helpers ----------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(p);
        if (t.kind != Token.Kind.END) {
            p++;
        }
        return t;
    }

    private Token expectOp(String op) {
        if (!peek().isOp(op)) {
            throw unexpected(peek(), "'" + op + "'");
        }
        return next();
    }

    private void enter(int pos) {
        if (++depth > MAX_DEPTH) {
            throw ConditionException.limit("the expression is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private void leave() {
        depth--;
    }

    /** The error for a token that cannot come here; constructs Python would accept are "not allowed". */
    private static ConditionException unexpected(Token t, String expected) {
        if (t.kind == Token.Kind.OP) {
            if (t.text.equals("=") || (t.text.length() >= 2 && t.text.endsWith("=") && !COMPARISONS.contains(t.text)
                    && !t.text.equals(":="))) {
                return ConditionException.notAllowed("assignment ('" + t.text + "')");
            }
            if (t.text.equals(":=")) {
                return ConditionException.notAllowed("assignment expression (':=')");
            }
            if (BITWISE.contains(t.text) || t.text.equals("@")) {
                return ConditionException.notAllowed("operator '" + t.text + "'");
            }
            if (t.text.equals("{") || t.text.equals("}")) {
                return ConditionException.notAllowed("dict or set display (a single {key} is a placeholder; doubled"
                        + " braces are literal braces)");
            }
            if (t.text.equals(":")) {
                return ConditionException.notAllowed("slice or annotation (':')");
            }
        }
        if (t.kind == Token.Kind.NAME) {
            if (t.text.equals("for")) {
                return ConditionException.notAllowed("comprehension or generator expression ('for')");
            }
            if (STATEMENTS.contains(t.text)) {
                return ConditionException.notAllowed("'" + t.text + "'");
            }
        }
        return ConditionException.syntax("unexpected " + t.describe()
                + (expected == null ? "" : " (expected " + expected + ")"), t.pos);
    }

    // ---- grammar ----------------------------------------------------------------------------------------------

    private Node top() {
        if (peek().kind == Token.Kind.END) {
            throw new ConditionException("the condition expression is empty");
        }
        int pos = peek().pos;
        Node first = expression();
        Node root = first;
        if (peek().isOp(",")) {
            // eval("a, b") is a tuple (always truthy); keep Python's meaning
            List<Node> items = new ArrayList<>();
            items.add(first);
            while (peek().isOp(",")) {
                next();
                if (peek().kind == Token.Kind.END) {
                    break;
                }
                items.add(expression());
            }
            root = new Node.Display(pos, items.toArray(new Node[0]), true);
        }
        if (peek().kind != Token.Kind.END) {
            throw unexpected(peek(), null);
        }
        return root;
    }

    private Node expression() {
        Token t = peek();
        if (t.isName("lambda") || t.isName("yield") || t.isName("await")) {
            throw ConditionException.notAllowed("'" + t.text + "'");
        }
        Node body = orTest();
        if (peek().isName("if")) {
            Token ifToken = next();
            Node test = orTest();
            if (!peek().isName("else")) {
                throw unexpected(peek(), "'else'");
            }
            next();
            enter(ifToken.pos);
            Node otherwise = expression();
            leave();
            return new Node.Conditional(ifToken.pos, test, body, otherwise);
        }
        return body;
    }

    private Node orTest() {
        return boolChain("or");
    }

    private Node boolChain(String op) {
        int pos = peek().pos;
        List<Node> operands = new ArrayList<>();
        operands.add(op.equals("or") ? boolChain("and") : notTest());
        while (peek().isName(op)) {
            next();
            operands.add(op.equals("or") ? boolChain("and") : notTest());
        }
        return operands.size() == 1 ? operands.get(0)
                : new Node.BoolOp(pos, op.equals("and"), operands.toArray(new Node[0]));
    }

    private Node notTest() {
        if (peek().isName("not")) {
            Token t = next();
            enter(t.pos);
            Node operand = notTest();
            leave();
            return new Node.Not(t.pos, operand);
        }
        return comparison();
    }

    private Node comparison() {
        int pos = peek().pos;
        List<Node> operands = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        operands.add(arithmetic());
        while (true) {
            Token t = peek();
            String op;
            if (t.kind == Token.Kind.OP && COMPARISONS.contains(t.text)) {
                op = t.text;
                next();
            } else if (t.isName("in")) {
                op = "in";
                next();
            } else if (t.isName("not") && peek(1).isName("in")) {
                op = "not in";
                next();
                next();
            } else if (t.isName("is")) {
                next();
                op = "is";
                if (peek().isName("not")) {
                    next();
                    op = "is not";
                }
            } else {
                break;
            }
            ops.add(op);
            operands.add(arithmetic());
        }
        if (ops.isEmpty()) {
            return operands.get(0);
        }
        return new Node.Compare(pos, operands.toArray(new Node[0]), ops.toArray(new String[0]));
    }

    private Node arithmetic() {
        Node result = chain(true);
        if (peek().kind == Token.Kind.OP && BITWISE.contains(peek().text)) {
            throw unexpected(peek(), null);
        }
        return result;
    }

    /** {@code additive}: terms joined by + and -; otherwise factors joined by * / // %. */
    private Node chain(boolean additive) {
        int pos = peek().pos;
        List<Node> operands = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        operands.add(additive ? chain(false) : factor());
        while (true) {
            Token t = peek();
            boolean match = additive ? (t.isOp("+") || t.isOp("-"))
                    : (t.isOp("*") || t.isOp("/") || t.isOp("//") || t.isOp("%"));
            if (t.isOp("@")) {
                throw unexpected(t, null);
            }
            if (!match) {
                break;
            }
            next();
            ops.add(t.text);
            operands.add(additive ? chain(false) : factor());
        }
        return ops.isEmpty() ? operands.get(0)
                : new Node.Arithmetic(pos, operands.toArray(new Node[0]), ops.toArray(new String[0]));
    }

    private Node factor() {
        Token t = peek();
        if (t.isOp("-") || t.isOp("+")) {
            next();
            enter(t.pos);
            Node operand = factor();
            leave();
            return new Node.Unary(t.pos, t.text, operand);
        }
        if (t.isOp("~")) {
            throw unexpected(t, null);
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        if (peek().isOp("**")) {
            Token t = next();
            enter(t.pos);
            Node exponent = factor();
            leave();
            return new Node.Power(t.pos, base, exponent);
        }
        return base;
    }

    private Node primary() {
        Token t = peek();
        Node node = t.kind == Token.Kind.NAME && !KEYWORDS.contains(t.text) ? functionCall() : atom();
        while (true) {
            Token x = peek();
            if (x.isOp(".")) {
                next();
                Token name = attributeName();
                if (peek().isOp("(")) {
                    if (!Builtins.METHODS.containsKey(name.text)) {
                        throw ConditionException.notAllowed("method '" + name.text + "'");
                    }
                    node = methodCall(node, name);
                } else {
                    if (!Builtins.PROPERTIES.contains(name.text)) {
                        throw ConditionException.notAllowed("attribute '" + name.text + "'");
                    }
                    node = new Node.Property(name.pos, node, name.text);
                }
            } else if (x.isOp("(")) {
                throw ConditionException.notAllowed("calling the result of an expression (only the listed functions"
                        + " and methods can be called)");
            } else if (x.isOp("[")) {
                next();
                enter(x.pos);
                if (peek().isOp(":")) {
                    throw ConditionException.notAllowed("slice");
                }
                Node index = expression();
                if (peek().isOp(":")) {
                    throw ConditionException.notAllowed("slice");
                }
                if (peek().isOp(",")) {
                    throw ConditionException.notAllowed("subscript with several indexes");
                }
                expectOp("]");
                leave();
                node = new Node.Subscript(x.pos, node, index);
            } else {
                return node;
            }
        }
    }

    private Token attributeName() {
        Token name = peek();
        if (name.kind != Token.Kind.NAME) {
            throw unexpected(name, "an attribute name");
        }
        next();
        if (name.text.startsWith("_")) {
            throw ConditionException.notAllowed("attribute '" + name.text + "'");
        }
        return name;
    }

    /** A name: must start a path to a whitelisted function ({@code len}, {@code datetime.datetime.now}, ...). */
    private Node functionCall() {
        Token first = next();
        String path = first.text;
        if (!Builtins.ROOTS.contains(path)) {
            throw ConditionException.notAllowed("name '" + path + "'");
        }
        while (peek().isOp(".") && Builtins.MODULES.contains(path)) {
            next();
            Token name = attributeName();
            String candidate = path + "." + name.text;
            if (!Builtins.FUNCTIONS.containsKey(candidate) && !Builtins.MODULES.contains(candidate)) {
                throw ConditionException.notAllowed("'" + candidate + "'");
            }
            path = candidate;
        }
        if (!Builtins.FUNCTIONS.containsKey(path)) {
            throw ConditionException.notAllowed("module '" + path + "' used as a value");
        }
        if (!peek().isOp("(")) {
            throw ConditionException.notAllowed("function '" + path + "' used without calling it");
        }
        Arguments args = arguments();
        return new Node.Call(first.pos, path, Builtins.bind(path, args.positional, args.keywordNames,
                args.keywordValues, first.pos));
    }

    private Node methodCall(Node target, Token name) {
        Arguments args = arguments();
        if (!args.keywordNames.isEmpty()) {
            throw ConditionException.syntax(name.text + "() takes no keyword arguments", name.pos);
        }
        int[] arity = Builtins.METHODS.get(name.text);
        int given = args.positional.size();
        if (given < arity[0] || given > arity[1]) {
            String expected = arity[0] == arity[1] ? (arity[0] == 0 ? "no arguments"
                    : "exactly " + arity[0] + (arity[0] == 1 ? " argument" : " arguments"))
                    : "from " + arity[0] + " to " + arity[1] + " arguments";
            throw ConditionException.syntax(name.text + "() takes " + expected + " (" + given + " given)", name.pos);
        }
        return new Node.MethodCall(name.pos, target, name.text, args.positional.toArray(new Node[0]));
    }

    private static final class Arguments {
        final List<Node> positional = new ArrayList<>();
        final List<String> keywordNames = new ArrayList<>();
        final List<Node> keywordValues = new ArrayList<>();
    }

    private Arguments arguments() {
        Token open = expectOp("(");
        enter(open.pos);
        Arguments args = new Arguments();
        while (!peek().isOp(")")) {
            Token t = peek();
            if (t.isOp("*") || t.isOp("**")) {
                throw ConditionException.notAllowed("argument unpacking ('" + t.text + "')");
            }
            if (t.kind == Token.Kind.NAME && peek(1).isOp("=")) {
                next();
                next();
                if (args.keywordNames.contains(t.text)) {
                    throw ConditionException.syntax("keyword argument repeated: " + t.text, t.pos);
                }
                args.keywordNames.add(t.text);
                args.keywordValues.add(expression());
            } else {
                if (!args.keywordNames.isEmpty()) {
                    throw ConditionException.syntax("positional argument follows keyword argument", t.pos);
                }
                args.positional.add(expression());
            }
            if (!peek().isOp(",")) {
                break;
            }
            next();
        }
        expectOp(")");
        leave();
        return args;
    }

    private Node atom() {
        Token t = next();
        switch (t.kind) {
            case NUMBER:
                return new Node.Constant(t.pos, t.value);
            case STRING: {
                StringBuilder text = new StringBuilder((String) t.value);
                while (peek().kind == Token.Kind.STRING) {
                    text.append((String) next().value); // implicit concatenation: 'a' 'b'
                }
                return new Node.Constant(t.pos, text.toString());
            }
            case PLACEHOLDER:
                placeholders.add(t.text);
                return new Node.Placeholder(t.pos, t.text);
            case NAME:
                switch (t.text) {
                    case "True":
                        return new Node.Constant(t.pos, Boolean.TRUE);
                    case "False":
                        return new Node.Constant(t.pos, Boolean.FALSE);
                    case "None":
                        return new Node.Constant(t.pos, null);
                    default:
                        throw unexpected(t, null);
                }
            case OP:
                if (t.isOp("(") || t.isOp("[")) {
                    return display(t);
                }
                if (t.isOp("...")) {
                    throw ConditionException.notAllowed("Ellipsis ('...')");
                }
                if (t.isOp("*")) {
                    throw ConditionException.notAllowed("starred expression");
                }
                throw unexpected(t, null);
            default:
                throw ConditionException.syntax("unexpected end of expression", t.pos);
        }
    }

    /** {@code (...)} or {@code [...]}: a parenthesised expression, a tuple or a list. */
    private Node display(Token open) {
        boolean list = open.isOp("[");
        String close = list ? "]" : ")";
        enter(open.pos);
        List<Node> items = new ArrayList<>();
        boolean comma = false;
        while (!peek().isOp(close)) {
            if (peek().isOp("*") || peek().isOp("**")) {
                throw ConditionException.notAllowed("starred expression");
            }
            items.add(expression());
            if (peek().isName("for") || peek().isName("async")) {
                throw ConditionException.notAllowed("comprehension or generator expression ('for')");
            }
            if (!peek().isOp(",")) {
                break;
            }
            next();
            comma = true;
        }
        expectOp(close);
        leave();
        if (!list && items.size() == 1 && !comma) {
            return items.get(0);
        }
        return new Node.Display(open.pos, items.toArray(new Node[0]), !list);
    }
}
