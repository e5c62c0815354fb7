package dev.suiteflow.selector.methods;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;

/**
 * Where, in the base version of a changed method, a run must pass for the change to show. The new code of a hunk
 * sits where the hunk's lines were, and everything around it is as it was; so a run that reaches the new code
 * reached that place in the base version by the same steps, and there ran what the base version had next. This
 * finds, for each hunk inside the method's body, code the base version is sure to run on the way:
 *
 * <ul>
 *   <li>inside a statement that strictly encloses the hunk (it starts on an earlier line and ends on a later one:
 *       an {@code if}'s {@code else} line, a multi-line call's argument): entering that statement;</li>
 *   <li>inside a block or a {@code case} group: the first statement that starts at or after the hunk or overlaps
 *       it (the base version runs it next), else the nearest statement before the hunk (it had to complete).</li>
 * </ul>
 *
 * Entering a statement runs its first instruction, whose line is one of the statement's lines, and the test map's
 * line probes record every line whose code ran (see {@code Instrumenter}); so the witness of a hunk is the lines of
 * that first code — an {@code if}'s condition, a loop's header, a call's statement. A run that ran none of them ran
 * exactly as before. "Sure to run code" is decided from the source, conservatively: a statement whose first code
 * javac may leave out (a {@code break}, a {@code final} local whose value may be a constant, a condition that may be
 * a compile-time constant and no {@code else}, a declaration without a value, an empty or local-class statement) is
 * passed over, and the next enclosing statement tried. A hunk for which nothing is sure before the method's body
 * (its first statement changed, its declaration) has no witness: the method as a whole counts, as before.
 */
final class Witness {

    private static final java.util.Set<UnaryExpr.Operator> INCREMENTS = java.util.EnumSet.of(
            UnaryExpr.Operator.PREFIX_INCREMENT, UnaryExpr.Operator.PREFIX_DECREMENT,
            UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT);

    private Witness() {
    }

    /**
     * @param oldMember the base version of the member
     * @param hunks     the diff's hunks as {@code [oldStart, oldCount, newStart, newCount]} (git's numbers)
     * @param newMember the member as it is now
     * @return the base-version line ranges {@code [from, to]} to pass through, or null: the whole method counts
     */
    static List<int[]> ranges(BodyDeclaration<?> oldMember, BodyDeclaration<?> newMember, List<int[]> hunks,
                              BitSet oldCode, BitSet newCode) {
        if (oldMember == null || oldMember.getRange().isEmpty() || newMember.getRange().isEmpty()) {
            return null;
        }
        int oBegin = oldMember.getBegin().get().line;
        int oEnd = oldMember.getEnd().get().line;
        int nBegin = newMember.getBegin().get().line;
        int nEnd = newMember.getEnd().get().line;
        Node body = body(oldMember);
        if (body == null) {
            return null;
        }
        Node newBody = body(newMember);
        if (newBody == null) {
            return null;
        }
        List<Node> places = places(oldMember);
        List<Node> newPlaces = places(newMember);
        List<int[]> out = new ArrayList<>();
        for (int[] h : hunks) {
            int oldStart = h[0];
            int oldCount = h[1];
            int newStart = h[2];
            int newCount = h[3];
            boolean touchesOld = oldCount > 0 && oldStart <= oEnd && oldStart + oldCount - 1 >= oBegin;
            boolean touchesNew = newCount > 0 && newStart <= nEnd && newStart + newCount - 1 >= nBegin;
            if (!touchesOld && !touchesNew) {
                continue;
            }
            if (!anyCode(oldCode, oldStart, oldCount) && !anyCode(newCode, newStart, newCount)) {
                continue; // comments and blank lines
            }
            // the hunk's place in the base version: its lines, or the gap after line oldStart
            int a = oldCount > 0 ? oldStart : oldStart + 1;
            int b = oldCount > 0 ? oldStart + oldCount - 1 : oldStart;
            int c = newCount > 0 ? newStart : newStart + 1;
            int d = newCount > 0 ? newStart + newCount - 1 : newStart;
            Node oldInner = innermost(places, body, a, b);
            Node newInner = innermost(newPlaces, newBody, c, d);
            // the new lines must sit in the same statement as the old ones did: a hunk that closes a block and
            // opens a catch clause puts its code outside the block its old lines were in. The innermost statement
            // around both, the same in both versions (its first and last lines unchanged), is where to start
            Node start = null;
            boolean same = false;
            for (Node x = oldInner; x != null && start == null; x = enclosing(x, body)) {
                for (Node y = newInner; y != null; y = enclosing(y, newBody)) {
                    if (corresponds(x, y, hunks)) {
                        start = x;
                        same = x == oldInner && y == newInner;
                        break;
                    }
                }
            }
            List<int[]> w = start == null ? null : witness(start, same, body, a, b);
            if (w == null) {
                return null;
            }
            out.addAll(w);
        }
        return out.isEmpty() ? null : out;
    }

    private static List<Node> places(BodyDeclaration<?> member) {
        List<Node> places = new ArrayList<>(member.findAll(Statement.class));
        places.addAll(member.findAll(SwitchEntry.class));
        return places;
    }

    /** The statement or {@code case} group with the smallest line span that starts before line a and ends after b. */
    private static Node innermost(List<Node> places, Node body, int a, int b) {
        Node cur = null;
        int span = Integer.MAX_VALUE;
        for (Node n : places) {
            if (n.getRange().isEmpty() || n != body && !inside(n, body)) {
                continue;
            }
            int from = n.getBegin().get().line;
            int to = n.getEnd().get().line;
            if (from < a && to > b && (to - from < span || to - from == span && inside(n, cur))) {
                cur = n;
                span = to - from;
            }
        }
        return cur;
    }

    /** The same statement in both versions: same kind, its first and last lines outside every hunk and mapped. */
    private static boolean corresponds(Node old, Node now, List<int[]> hunks) {
        if (old.getClass() != now.getClass() || old.getRange().isEmpty() || now.getRange().isEmpty()) {
            return false;
        }
        int begin = newLine(old.getBegin().get().line, hunks);
        int end = newLine(old.getEnd().get().line, hunks);
        return begin >= 0 && end >= 0 && begin == now.getBegin().get().line && end == now.getEnd().get().line;
    }

    /** Where an unchanged base line is now; -1 for a line the diff changed. */
    static int newLine(int line, List<int[]> hunks) {
        int delta = 0;
        for (int[] h : hunks) {
            int oldStart = h[0];
            int oldCount = h[1];
            if (oldCount > 0 && line >= oldStart && line < oldStart + oldCount) {
                return -1;
            }
            boolean before = oldCount > 0 ? oldStart + oldCount - 1 < line : oldStart < line;
            if (before) {
                delta += h[3] - oldCount;
            }
        }
        return line + delta;
    }

    /**
     * The witness of the hunk at base lines a..b (b = a - 1: the gap after line b), from the statement {@code cur}
     * that encloses it in both versions; {@code same}: it is the innermost one in both, so that in a block the hunk's
     * new statements stand where its old ones stood (else only entering {@code cur} is sure).
     */
    private static List<int[]> witness(Node cur, boolean same, Node body, int a, int b) {
        boolean first = true;
        while (cur != null) {
            boolean siblings = same || !first;
            first = false;
            List<int[]> w = cur instanceof BlockStmt block ? (siblings ? sibling(block.getStatements(), a, b)
                    : entryRange(block))
                    : cur instanceof SwitchEntry entry ? (siblings ? sibling(entry.getStatements(), a, b) : null)
                    : entryRange((Statement) cur);
            if (w != null) {
                return w;
            }
            if (cur == body) {
                return null;
            }
            cur = enclosing(cur, body);
        }
        return null;
    }

    /**
     * In a statement list: the first statement at, after or overlapping the hunk (run next), else the nearest one
     * before it (run to its end first).
     */
    private static List<int[]> sibling(List<Statement> statements, int a, int b) {
        int k = 0;
        while (k < statements.size() && statements.get(k).getEnd().map(p -> p.line < a).orElse(true)) {
            k++;
        }
        List<int[]> next = entryFrom(statements, k);
        if (next != null) {
            return next;
        }
        for (int j = k - 1; j >= 0; j--) {
            List<int[]> w = entryRange(statements.get(j));
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private static boolean anyCode(BitSet code, int start, int count) {
        for (int l = start; l < start + count; l++) {
            if (code.get(l)) {
                return true;
            }
        }
        return false;
    }

    private static Node body(BodyDeclaration<?> m) {
        if (m instanceof CallableDeclaration<?> c) {
            return c instanceof MethodDeclaration md
                    ? md.getBody().orElse(null)
                    : ((ConstructorDeclaration) c).getBody();
        }
        if (m instanceof InitializerDeclaration i) {
            return i.getBody();
        }
        return null;
    }

    /** Whether n lies inside {@code outer} (not equal to it); false when outer is null. */
    private static boolean inside(Node n, Node outer) {
        if (outer == null) {
            return false;
        }
        for (Node cur = n.getParentNode().orElse(null); cur != null; cur = cur.getParentNode().orElse(null)) {
            if (cur == outer) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next statement or {@code case} group out, up to the body; null past a member of a local or anonymous
     * class (its code runs on its own).
     */
    private static Node enclosing(Node n, Node body) {
        for (Node cur = n.getParentNode().orElse(null); cur != null; cur = cur.getParentNode().orElse(null)) {
            if (cur instanceof Statement || cur instanceof SwitchEntry) {
                return cur;
            }
            if (cur == body || cur instanceof TypeDeclaration<?> || cur instanceof BodyDeclaration<?>) {
                return null;
            }
        }
        return null;
    }

    /**
     * The lines of the code a statement is sure to run first when entered, or null when javac may compile it to
     * nothing at its start.
     */
    static List<int[]> entryRange(Statement s) {
        if (s instanceof BlockStmt block) {
            return entryFrom(block.getStatements(), 0);
        }
        if (s instanceof ExpressionStmt e) {
            return codeExpression(e.getExpression()) ? lines(s, s) : null;
        }
        if (s instanceof ReturnStmt || s instanceof ThrowStmt || s instanceof AssertStmt || s instanceof YieldStmt
                || s instanceof ExplicitConstructorInvocationStmt) {
            return lines(s, s);
        }
        if (s instanceof IfStmt i) {
            if (surelyCode(i.getCondition())) {
                return lines(s, i.getCondition());
            }
            // a constant condition leaves only one branch; none at all when false without an else
            List<int[]> then = entryRange(i.getThenStmt());
            List<int[]> otherwise = i.getElseStmt().map(Witness::entryRange).orElse(null);
            return then == null || otherwise == null ? null : union(lines(s, i.getCondition()), then, otherwise);
        }
        if (s instanceof WhileStmt w) {
            if (surelyCode(w.getCondition())) {
                return lines(s, w.getCondition());
            }
            List<int[]> body = entryRange(w.getBody()); // while (true): the body first
            return body == null ? null : union(lines(s, w.getCondition()), body);
        }
        if (s instanceof ForStmt f) {
            Node header = f.getCompare().map(c -> (Node) c).orElse(null);
            if (!f.getInitialization().isEmpty() && codeExpression(f.getInitialization().get(0))) {
                return lines(s, f.getInitialization().get(0));
            }
            if (header != null && surelyCode((Expression) header)) {
                return lines(s, header);
            }
            List<int[]> body = entryRange(f.getBody());
            return body == null ? null : union(lines(s, header == null ? s : header), body);
        }
        if (s instanceof ForEachStmt fe) {
            return lines(s, fe.getIterable());
        }
        if (s instanceof SwitchStmt sw) {
            return lines(s, sw.getSelector());
        }
        if (s instanceof SynchronizedStmt sy) {
            return lines(s, sy.getExpression());
        }
        if (s instanceof DoStmt d) {
            return entryRange(d.getBody());
        }
        if (s instanceof TryStmt t) {
            List<Expression> declared = t.getResources().stream().filter(r -> r instanceof VariableDeclarationExpr)
                    .toList();
            if (!declared.isEmpty() && declared.get(0) == t.getResources().get(0)) {
                return lines(s, declared.get(0));
            }
            return t.getResources().isEmpty() ? entryRange(t.getTryBlock()) : null;
        }
        if (s instanceof LabeledStmt l) {
            return entryRange(l.getStatement());
        }
        return null; // break, continue (a jump javac may drop), empty, local class
    }

    /** From the statement's first line to the last line of {@code upTo}. */
    private static List<int[]> lines(Statement s, Node upTo) {
        if (s.getBegin().isEmpty() || upTo.getEnd().isEmpty()) {
            return null;
        }
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {s.getBegin().get().line, Math.max(s.getBegin().get().line, upTo.getEnd().get().line)});
        return out;
    }

    @SafeVarargs
    private static List<int[]> union(List<int[]>... parts) {
        List<int[]> out = new ArrayList<>();
        for (List<int[]> p : parts) {
            if (p == null) {
                return null;
            }
            out.addAll(p);
        }
        return out;
    }

    /**
     * What running a statement list from its k-th statement runs first: statements with no code are passed over
     * (they complete at once); a {@code final} local with a value, which may be a constant compiled to nothing,
     * adds its lines and the next statement's.
     */
    private static List<int[]> entryFrom(List<Statement> statements, int k) {
        List<int[]> maybe = new ArrayList<>();
        for (int i = k; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (codeless(s)) {
                continue;
            }
            if (s instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr v && v.isFinal()) {
                maybe.addAll(lines(s, s));
                continue;
            }
            List<int[]> w = entryRange(s);
            return w == null ? null : union(maybe, w);
        }
        return null;
    }

    /** A statement javac compiles to no instruction, and that completes at once. */
    private static boolean codeless(Statement s) {
        if (s instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr v) {
            return v.getVariables().stream().noneMatch(d -> d.getInitializer().isPresent());
        }
        return s instanceof EmptyStmt
                || s instanceof LocalClassDeclarationStmt
                || s instanceof LocalRecordDeclarationStmt;
    }

    /**
     * An expression statement's or for-initialiser's expression that compiles to code: any but a declaration
     * without values, or a {@code final} one (a constant variable's store may be left out).
     */
    private static boolean codeExpression(Expression e) {
        if (e instanceof VariableDeclarationExpr v) {
            return !v.isFinal() && v.getVariables().stream().anyMatch(d -> d.getInitializer().isPresent());
        }
        return true;
    }

    /**
     * A condition that cannot be a compile-time constant: it calls, creates, indexes, assigns, tests a type, or
     * reads a parameter or a non-{@code final} local variable in scope.
     */
    static boolean surelyCode(Expression cond) {
        if (cond instanceof MethodCallExpr || cond instanceof ObjectCreationExpr || cond instanceof ArrayAccessExpr
                || cond instanceof AssignExpr || cond instanceof InstanceOfExpr || cond instanceof ArrayCreationExpr
                || cond instanceof ThisExpr || cond instanceof SuperExpr || cond instanceof SwitchExpr
                || cond instanceof LambdaExpr
                || cond instanceof UnaryExpr u && INCREMENTS.contains(u.getOperator())) {
            return true;
        }
        if (cond instanceof NameExpr n && variable(n)) {
            return true;
        }
        for (Node child : cond.getChildNodes()) {
            if (child instanceof Expression e && surelyCode(e)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a simple name reads a parameter or a non-final local variable declared around it. */
    private static boolean variable(NameExpr n) {
        String name = n.getNameAsString();
        Node child = n;
        for (Node cur = n.getParentNode().orElse(null); cur != null; child = cur, cur = cur.getParentNode().orElse(null)) {
            if (cur instanceof TypeDeclaration<?>) {
                return false;
            }
            if (cur instanceof CallableDeclaration<?> c && c.getParameters().stream().anyMatch(p -> named(p, name))
                    || cur instanceof LambdaExpr l && l.getParameters().stream().anyMatch(p -> named(p, name))
                    || cur instanceof CatchClause cc && named(cc.getParameter(), name)
                    || cur instanceof ForEachStmt fe && fe.getVariable().getVariables().stream()
                    .anyMatch(v -> v.getNameAsString().equals(name))) {
                return true;
            }
            if (cur instanceof ForStmt f && declares(f.getInitialization(), name)) {
                return true;
            }
            if (cur instanceof BlockStmt block) {
                for (Statement st : block.getStatements()) {
                    if (st == child) {
                        break; // declared after it: not in scope
                    }
                    if (st instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr v
                            && declares(List.of(v), name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean named(Parameter p, String name) {
        return p.getNameAsString().equals(name);
    }

    private static boolean declares(List<? extends Expression> exprs, String name) {
        for (Expression e : exprs) {
            if (e instanceof VariableDeclarationExpr v && !v.isFinal()) {
                for (VariableDeclarator d : v.getVariables()) {
                    if (d.getNameAsString().equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
