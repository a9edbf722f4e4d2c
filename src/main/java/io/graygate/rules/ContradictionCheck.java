package io.graygate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, among the constraints one fact pattern puts on its fields, two that can never hold together
 * ({@code p99 > 200 && p99 < 100}, {@code metric == "a", metric == "b"}): such a rule can never fire,
 * which is almost always a typo in a threshold. Only plain comparisons of a field with a literal are
 * judged; anything under an {@code ||} is left alone because it cannot be decided without the data.
 */
final class ContradictionCheck {
    private static final Pattern FIELD_FIRST = Pattern.compile(
            "^\\s*([A-Za-z_][\\w]*)\\s*(<=|>=|==|<|>)\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|\"[^\"]*\")\\s*$");
    private static final Pattern LITERAL_FIRST = Pattern.compile(
            "^\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*(<=|>=|==|<|>)\\s*([A-Za-z_][\\w]*)\\s*$");

    /** One constraint as written: {@code field op literal}, with the line it is on. */
    record Bound(String field, String operator, String literal, int line, int column) {
        boolean numeric() {
            return !literal.startsWith("\"");
        }

        double value() {
            return Double.parseDouble(literal);
        }

        @Override
        public String toString() {
            return field + " " + operator + " " + literal;
        }
    }

    /** Two constraints on the same field that exclude each other. */
    record Conflict(Bound first, Bound second) {
    }

    private ContradictionCheck() {
    }

    /** Splits a constraint's text on top-level {@code &&} into plain comparisons; empty when any part has {@code ||}. */
    static List<Bound> bounds(String constraint, int line, int column) {
        if (constraint == null || constraint.contains("||")) {
            return List.of();
        }
        List<Bound> bounds = new ArrayList<>();
        for (String part : splitTopLevelAnd(constraint)) {
            parse(part, line, column).ifPresent(bounds::add);
        }
        return bounds;
    }

    static Optional<Conflict> firstConflict(List<Bound> bounds) {
        for (int i = 0; i < bounds.size(); i++) {
            for (int j = i + 1; j < bounds.size(); j++) {
                Bound a = bounds.get(i);
                Bound b = bounds.get(j);
                if (a.field().equals(b.field()) && excludeEachOther(a, b)) {
                    return Optional.of(new Conflict(a, b));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Bound> parse(String part, int line, int column) {
        String text = stripParentheses(part.strip());
        Matcher m = FIELD_FIRST.matcher(text);
        if (m.matches()) {
            return Optional.of(new Bound(m.group(1), m.group(2), m.group(3), line, column));
        }
        m = LITERAL_FIRST.matcher(text);
        if (m.matches()) {
            return Optional.of(new Bound(m.group(3), mirror(m.group(2)), m.group(1), line, column));
        }
        return Optional.empty();
    }

    private static String stripParentheses(String text) {
        String result = text;
        while (result.startsWith("(") && result.endsWith(")") && balanced(result.substring(1, result.length() - 1))) {
            result = result.substring(1, result.length() - 1).strip();
        }
        return result;
    }

    private static boolean balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static String mirror(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    private static List<String> splitTopLevelAnd(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && text.startsWith("&&", i)) {
                parts.add(text.substring(start, i));
                start = i + 2;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static boolean excludeEachOther(Bound a, Bound b) {
        if (!a.numeric() || !b.numeric()) {
            return !a.numeric() && !b.numeric() && a.operator().equals("==") && b.operator().equals("==")
                    && !a.literal().equals(b.literal());
        }
        Interval both = Interval.of(a).intersect(Interval.of(b));
        return both.empty();
    }

    /** The values a numeric comparison admits. */
    private record Interval(double low, boolean lowIncluded, double high, boolean highIncluded) {
        static Interval of(Bound bound) {
            double v = bound.value();
            double inf = Double.POSITIVE_INFINITY;
            return switch (bound.operator()) {
                case ">" -> new Interval(v, false, inf, false);
                case ">=" -> new Interval(v, true, inf, false);
                case "<" -> new Interval(-inf, false, v, false);
                case "<=" -> new Interval(-inf, false, v, true);
                default -> new Interval(v, true, v, true);
            };
        }

        Interval intersect(Interval other) {
            double lo = Math.max(low, other.low);
            boolean loIn = lo == low && lo == other.low ? lowIncluded && other.lowIncluded
                    : lo == low ? lowIncluded : other.lowIncluded;
            double hi = Math.min(high, other.high);
            boolean hiIn = hi == high && hi == other.high ? highIncluded && other.highIncluded
                    : hi == high ? highIncluded : other.highIncluded;
            return new Interval(lo, loIn, hi, hiIn);
        }

        boolean empty() {
            return low > high || (low == high && !(lowIncluded && highIncluded));
        }
    }
}
