package dev.suiteflow.coverage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A light parser of JUnit 5 test sources: no build, no symbol resolution, no full grammar. It tokenizes the text
 * (comments, string and text-block literals, identifiers, symbols), follows braces to know which class body it is
 * in, and reads the declarations at class-body level: classes (nested ones too, named {@code Outer$Inner}),
 * annotations and methods. Method bodies, field initializers and anonymous classes are skipped.
 *
 * <p>A test is a method annotated {@code @Test}, {@code @ParameterizedTest}, {@code @TestFactory},
 * {@code @RepeatedTest} or {@code @TestTemplate} (simple or qualified name). For each it keeps: the
 * {@code @DisplayName}, the comments between the previous member and the method (Javadoc, block and line comments,
 * also those between its annotations), the {@code @Tag}/{@code @Tags} values of the method and its enclosing
 * classes, the classes' names, display names and comments, and the requirement tags of {@link Requirements}.
 */
public final class JavaTestParser {

    static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "TestFactory", "RepeatedTest",
            "TestTemplate");
    /** Characters of comment kept per test (and per class): longer ones are cut. */
    static final int MAX_COMMENT_CHARS = 4_000;

    private static final Pattern JAVADOC_INLINE = Pattern.compile("\\{@\\w+\\s+([^}]*)}");
    private static final Pattern JAVADOC_TAG = Pattern.compile("(?m)^\\s*@\\w+");
    private static final Pattern HTML = Pattern.compile("</?[a-zA-Z][^>]*>");

    private enum Kind { COMMENT, STRING, IDENT, SYMBOL }

    private record Token(Kind kind, String text) {
        boolean is(String s) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(s);
        }
    }

    private record Annotation(String name, List<String> strings) {
    }

    private record Frame(String binaryName, String simpleName, int bodyDepth, Set<String> tags, String context,
            Map<String, String> requirements) {
    }

    private JavaTestParser() {
    }

    /**
     * The tests of one source file.
     *
     * @param classPhases optional: binary or top-level class name → phase (from the project's manifest)
     */
    public static List<TestCase> parse(String source, Map<String, String> classPhases) {
        List<Token> tokens = tokenize(source);
        List<TestCase> tests = new ArrayList<>();
        Deque<Frame> classes = new ArrayDeque<>();
        String pkg = "";
        int depth = 0;
        List<String> comments = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        boolean initializer = false;

        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int memberDepth = classes.isEmpty() ? 0 : classes.peek().bodyDepth();
            if (depth != memberDepth) { // inside a method body, an initializer block or an anonymous class
                if (t.is("{")) {
                    depth++;
                } else if (t.is("}")) {
                    depth--;
                }
                continue;
            }
            switch (t.kind()) {
                case COMMENT -> comments.add(t.text());
                case STRING -> { }
                case IDENT -> {
                    String word = t.text();
                    boolean afterDot = i > 0 && tokens.get(i - 1).is(".");
                    if (word.equals("package") && classes.isEmpty()) {
                        StringBuilder name = new StringBuilder();
                        while (++i < tokens.size() && !tokens.get(i).is(";")) {
                            if (tokens.get(i).kind() != Kind.COMMENT) {
                                name.append(tokens.get(i).text());
                            }
                        }
                        pkg = name.toString();
                        comments.clear();
                        annotations.clear();
                    } else if (!afterDot && !initializer && isTypeDeclaration(tokens, i)) {
                        String simple = tokens.get(i + 1).text();
                        int open = i + 2;
                        while (open < tokens.size() && !tokens.get(open).is("{")) {
                            if (tokens.get(open).is("(")) {
                                open = skipBalanced(tokens, open, "(", ")");
                            }
                            open++;
                        }
                        String binary = classes.isEmpty()
                                ? (pkg.isEmpty() ? simple : pkg + "." + simple)
                                : classes.peek().binaryName() + "$" + simple;
                        classes.push(classFrame(binary, simple, depth + 1, comments, annotations, classes.peek()));
                        depth++;
                        i = open;
                        comments.clear();
                        annotations.clear();
                    } else if (!afterDot && !initializer && i + 1 < tokens.size() && tokens.get(i + 1).is("(")
                            && !classes.isEmpty()) {
                        int close = skipBalanced(tokens, i + 1, "(", ")");
                        int next = close + 1;
                        while (next < tokens.size() && !tokens.get(next).is("{") && !tokens.get(next).is(";")) {
                            next++;
                        }
                        if (isTest(annotations)) {
                            tests.add(test(classes, word, comments, annotations, classPhases));
                        }
                        if (next < tokens.size() && tokens.get(next).is("{")) {
                            depth++;
                        }
                        i = next;
                        comments.clear();
                        annotations.clear();
                    }
                }
                case SYMBOL -> {
                    String s = t.text();
                    if (s.equals("@")) {
                        if (i + 1 < tokens.size() && tokens.get(i + 1).is("interface")) {
                            continue; // an annotation type: "interface" is handled as a type declaration next
                        }
                        i = annotation(tokens, i, annotations);
                    } else if (s.equals("=")) {
                        initializer = true;
                    } else if (s.equals(";")) {
                        initializer = false;
                        comments.clear();
                        annotations.clear();
                    } else if (s.equals("{")) {
                        depth++;
                    } else if (s.equals("}")) {
                        depth--;
                        if (!classes.isEmpty() && depth < classes.peek().bodyDepth()) {
                            classes.pop();
                        }
                        initializer = false;
                        comments.clear();
                        annotations.clear();
                    }
                }
                default -> { }
            }
        }
        return tests;
    }

    private static boolean isTypeDeclaration(List<Token> tokens, int i) {
        String word = tokens.get(i).text();
        if (i + 1 >= tokens.size() || tokens.get(i + 1).kind() != Kind.IDENT) {
            return false;
        }
        return switch (word) {
            case "class", "interface", "enum" -> true;
            case "record" -> i + 2 < tokens.size() && (tokens.get(i + 2).is("(") || tokens.get(i + 2).is("<"));
            default -> false;
        };
    }

    private static boolean isTest(List<Annotation> annotations) {
        return annotations.stream().anyMatch(a -> TEST_ANNOTATIONS.contains(a.name()));
    }

    private static Frame classFrame(String binary, String simple, int bodyDepth, List<String> comments,
            List<Annotation> annotations, Frame outer) {
        Set<String> tags = new LinkedHashSet<>(outer == null ? Set.of() : outer.tags());
        Map<String, String> requirements = new LinkedHashMap<>(outer == null ? Map.of() : outer.requirements());
        String display = displayName(annotations);
        String comment = String.join("\n", comments);
        for (String id : Requirements.inText(comment)) {
            requirements.putIfAbsent(id, "class comment");
        }
        for (String id : Requirements.inText(display)) {
            requirements.putIfAbsent(id, "class display name");
        }
        for (String tag : tagValues(annotations)) {
            tags.add(tag);
            String id = Requirements.fromTag(tag);
            if (id != null) {
                requirements.putIfAbsent(id, "class @Tag");
            }
        }
        String context = (outer == null ? "" : outer.context() + " ") + simple + " "
                + Requirements.strip(display) + " " + cleanComment(comment);
        return new Frame(binary, simple, bodyDepth, tags, cap(context.strip()), requirements);
    }

    private static TestCase test(Deque<Frame> classes, String method, List<String> comments,
            List<Annotation> annotations, Map<String, String> classPhases) {
        Frame cls = classes.peek();
        Set<String> tags = new LinkedHashSet<>(tagValues(annotations));
        Map<String, String> requirements = new LinkedHashMap<>();
        String display = displayName(annotations);
        String comment = String.join("\n", comments);
        for (String id : Requirements.inText(display)) {
            requirements.putIfAbsent(id, "display name");
        }
        for (String id : Requirements.inText(comment)) {
            requirements.putIfAbsent(id, "comment");
        }
        for (String tag : tags) {
            String id = Requirements.fromTag(tag);
            if (id != null) {
                requirements.putIfAbsent(id, "@Tag");
            }
        }
        cls.requirements().forEach(requirements::putIfAbsent);
        tags.addAll(cls.tags());
        String phase = Phases.guess(cls.binaryName(), tags, classPhases);
        return new TestCase(cls.binaryName(), method, phase, Requirements.strip(display).strip(),
                cleanComment(comment), cls.context(), tags, requirements);
    }

    private static String displayName(List<Annotation> annotations) {
        return annotations.stream().filter(a -> a.name().equals("DisplayName"))
                .map(a -> String.join("", a.strings())).findFirst().orElse("");
    }

    private static List<String> tagValues(List<Annotation> annotations) {
        List<String> tags = new ArrayList<>();
        for (Annotation a : annotations) {
            if (a.name().equals("Tag") || a.name().equals("Tags")) {
                a.strings().stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(tags::add);
            }
        }
        return tags;
    }

    /** Reads {@code @a.b.Name(args)} from tokens[at] ("@"); returns the index of its last token. */
    private static int annotation(List<Token> tokens, int at, List<Annotation> into) {
        int i = at + 1;
        String name = null;
        while (i < tokens.size() && tokens.get(i).kind() == Kind.IDENT) {
            name = tokens.get(i).text();
            if (i + 2 < tokens.size() && tokens.get(i + 1).is(".") && tokens.get(i + 2).kind() == Kind.IDENT) {
                i += 2;
            } else {
                break;
            }
        }
        if (name == null) {
            return at;
        }
        List<String> strings = new ArrayList<>();
        if (i + 1 < tokens.size() && tokens.get(i + 1).is("(")) {
            int close = skipBalanced(tokens, i + 1, "(", ")");
            for (int j = i + 2; j < close; j++) {
                if (tokens.get(j).kind() == Kind.STRING) {
                    strings.add(tokens.get(j).text());
                }
            }
            i = close;
        }
        into.add(new Annotation(name, strings));
        return i;
    }

    /** The index of the token closing the bracket opened at tokens[open] (or the last token). */
    private static int skipBalanced(List<Token> tokens, int open, String opening, String closing) {
        int level = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.SYMBOL) {
                continue;
            }
            if (t.text().equals(opening)) {
                level++;
            } else if (t.text().equals(closing) && --level == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    /** Comment markers, Javadoc tags and HTML out; {@code {@code x}} → x; requirement tags out. */
    static String cleanComment(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        String text = raw.replaceAll("/\\*+|\\*+/|(?m)^\\s*\\*+|//+", " ");
        text = JAVADOC_INLINE.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1).replace('#', ' ')));
        text = JAVADOC_TAG.matcher(text).replaceAll(" ");
        text = HTML.matcher(text).replaceAll(" ");
        text = Requirements.strip(text);
        return cap(text.replaceAll("\\s+", " ").strip());
    }

    private static String cap(String text) {
        return text.length() <= MAX_COMMENT_CHARS ? text : text.substring(0, MAX_COMMENT_CHARS);
    }

    // ---- tokenizer

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                tokens.add(new Token(Kind.COMMENT, s.substring(i, end)));
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                tokens.add(new Token(Kind.COMMENT, s.substring(i, end)));
                i = end;
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                int start = s.indexOf('\n', i + 3);
                start = start < 0 || start > end ? i + 3 : start + 1;
                String body = s.substring(start, end);
                tokens.add(new Token(Kind.STRING, unescape(body.stripIndent())));
                i = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                StringBuilder raw = new StringBuilder();
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    if (s.charAt(j) == '\\' && j + 1 < n) {
                        raw.append(s.charAt(j));
                        j++;
                    }
                    raw.append(s.charAt(j));
                    j++;
                }
                if (c == '"') {
                    tokens.add(new Token(Kind.STRING, unescape(raw.toString())));
                }
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.IDENT, s.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
                    j++;
                }
                i = j; // numbers play no part in declarations
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r', 'b', 'f' -> out.append(' ');
                case 's' -> out.append(' ');
                case 'u' -> {
                    while (i + 1 < raw.length() && raw.charAt(i + 1) == 'u') {
                        i++;
                    }
                    if (i + 4 < raw.length()) {
                        try {
                            out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException ex) {
                            out.append('u');
                        }
                    }
                }
                case '\n' -> { }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
