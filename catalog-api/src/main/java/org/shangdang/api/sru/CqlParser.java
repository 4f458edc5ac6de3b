package org.shangdang.api.sru;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parser for CQL 1.2 (the Contextual Query Language of SRU): prefix assignments, search clauses
 * ({@code index relation term} or a bare term), relation and boolean modifiers, {@code and}/{@code or}/
 * {@code not}/{@code prox} of equal precedence left to right, parentheses, quoted terms with backslash escapes,
 * and {@code sortby} (recognised, to be refused). Index names, relations and booleans are case-insensitive.
 *
 * <p>Errors are {@link SruDiagnostic}s: 10 for bad syntax, 13 for unbalanced parentheses, 14 for an
 * unterminated quote, 12 for a query over {@link #MAX_LENGTH} characters, 80 for {@code sortby}. Stateless and
 * thread-safe.
 */
public final class CqlParser {

    /** Longest query accepted. */
    public static final int MAX_LENGTH = 2000;
    /** Deepest nesting of parentheses accepted, so no query can exhaust the stack. */
    private static final int MAX_DEPTH = 50;

    private static final Set<String> BOOLEANS = Set.of("and", "or", "not", "prox");
    private static final Set<String> SYMBOLS = Set.of("=", "==", "<>", "<", ">", "<=", ">=");

    private final List<Token> tokens;
    private int next;
    private int depth;

    private CqlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a CQL query. */
    public static CqlNode parse(String query) {
        if (query == null || query.isBlank()) {
            throw new SruDiagnostic(SruDiagnostic.QUERY_SYNTAX_ERROR, "", "the query is empty");
        }
        if (query.length() > MAX_LENGTH) {
            throw new SruDiagnostic(SruDiagnostic.TOO_MANY_CHARACTERS_IN_QUERY, String.valueOf(MAX_LENGTH),
                    "the query has " + query.length() + " characters; at most " + MAX_LENGTH + " are accepted");
        }
        CqlParser parser = new CqlParser(lex(query));
        CqlNode node = parser.query();
        Token rest = parser.peek();
        if (rest.type() == Type.WORD && rest.lower().equals("sortby")) {
            throw new SruDiagnostic(SruDiagnostic.SORT_NOT_SUPPORTED, "sortby", "sorting is not supported; results"
                    + " come by relevance");
        }
        if (rest.type() == Type.RPAREN) {
            throw new SruDiagnostic(SruDiagnostic.INVALID_PARENTHESES, ")", "unbalanced ')' at position " + rest.at());
        }
        if (rest.type() != Type.EOF) {
            throw syntax("unexpected '" + rest.text() + "' at position " + rest.at() + "; a boolean (and, or, not)"
                    + " must join two clauses");
        }
        return node;
    }

    private CqlNode query() {
        while (peek().type() == Type.SYMBOL && peek().text().equals(">")) {
            prefixAssignment();
        }
        CqlNode left = searchClause();
        while (peek().type() == Type.WORD && !peek().quoted() && BOOLEANS.contains(peek().lower())) {
            String op = take().lower();
            List<CqlNode.Modifier> modifiers = modifiers();
            CqlNode right = searchClause();
            left = new CqlNode.Bool(CqlNode.Op.valueOf(op.toUpperCase(Locale.ROOT)), left, right, modifiers);
        }
        return left;
    }

    private void prefixAssignment() {
        take();
        Token first = expectTerm("a context set name or URI after '>'");
        if (peek().type() == Type.SYMBOL && peek().text().equals("=")) {
            take();
            expectTerm("a context set URI after '>" + first.text() + "='");
        }
    }

    private CqlNode searchClause() {
        Token token = peek();
        if (token.type() == Type.LPAREN) {
            take();
            if (++depth > MAX_DEPTH) {
                throw new SruDiagnostic(SruDiagnostic.INVALID_PARENTHESES, "", "parentheses nested deeper than "
                        + MAX_DEPTH);
            }
            CqlNode inner = query();
            if (peek().type() != Type.RPAREN) {
                throw new SruDiagnostic(SruDiagnostic.INVALID_PARENTHESES, "(", "'(' at position " + token.at()
                        + " is not closed");
            }
            take();
            depth--;
            return inner;
        }
        Token first = expectTerm("a search term");
        Token after = peek();
        boolean symbol = after.type() == Type.SYMBOL && SYMBOLS.contains(after.text());
        boolean named = after.type() == Type.WORD && !after.quoted() && !BOOLEANS.contains(after.lower())
                && !after.lower().equals("sortby");
        if (!symbol && !named) {
            return clause("cql.serverchoice", "=", List.of(), first);
        }
        if (first.quoted()) {
            throw syntax("an index name cannot be quoted: \"" + first.text() + "\"");
        }
        String relation = take().lower();
        List<CqlNode.Modifier> modifiers = modifiers();
        Token term = expectTerm("a search term after '" + first.text() + " " + relation + "'");
        return clause(first.lower(), relation, modifiers, term);
    }

    private List<CqlNode.Modifier> modifiers() {
        List<CqlNode.Modifier> modifiers = new ArrayList<>();
        while (peek().type() == Type.SLASH) {
            take();
            Token name = expectTerm("a modifier name after '/'");
            if (peek().type() == Type.SYMBOL && SYMBOLS.contains(peek().text())) {
                String comparator = take().text();
                Token value = expectTerm("a modifier value after '/" + name.text() + comparator + "'");
                modifiers.add(new CqlNode.Modifier(name.lower(), comparator, value.text()));
            } else {
                modifiers.add(new CqlNode.Modifier(name.lower(), "", ""));
            }
        }
        return modifiers;
    }

    private static CqlNode.Clause clause(String index, String relation, List<CqlNode.Modifier> modifiers, Token term) {
        return new CqlNode.Clause(index, relation, modifiers, term.text(), term.masked(), term.anchored());
    }

    private Token expectTerm(String what) {
        Token token = peek();
        if (token.type() != Type.WORD) {
            if (token.type() == Type.RPAREN) {
                throw new SruDiagnostic(SruDiagnostic.INVALID_PARENTHESES, ")", "expected " + what + " at position "
                        + token.at() + "; got ')'");
            }
            throw syntax("expected " + what + " at position " + token.at() + "; got "
                    + (token.type() == Type.EOF ? "the end of the query" : "'" + token.text() + "'"));
        }
        return take();
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private static SruDiagnostic syntax(String message) {
        return new SruDiagnostic(SruDiagnostic.QUERY_SYNTAX_ERROR, "", message);
    }

    private static List<Token> lex(String query) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Type.LPAREN, "(", false, false, false, i++));
            } else if (c == ')') {
                tokens.add(new Token(Type.RPAREN, ")", false, false, false, i++));
            } else if (c == '/') {
                tokens.add(new Token(Type.SLASH, "/", false, false, false, i++));
            } else if (c == '=' || c == '<' || c == '>') {
                String two = i + 1 < n ? query.substring(i, i + 2) : "";
                String symbol = two.equals("==") || two.equals("<>") || two.equals("<=") || two.equals(">=") ? two
                        : String.valueOf(c);
                tokens.add(new Token(Type.SYMBOL, symbol, false, false, false, i));
                i += symbol.length();
            } else if (c == '"') {
                int start = i++;
                StringBuilder text = new StringBuilder();
                boolean masked = false;
                boolean anchored = false;
                boolean closed = false;
                while (i < n) {
                    char d = query.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        text.append(query.charAt(i + 1));
                        i += 2;
                    } else if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        masked |= d == '*' || d == '?';
                        anchored |= d == '^';
                        text.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new SruDiagnostic(SruDiagnostic.INVALID_QUOTES, "\"", "the quote at position " + start
                            + " is not closed");
                }
                tokens.add(new Token(Type.WORD, text.toString(), true, masked, anchored, start));
            } else {
                int start = i;
                StringBuilder text = new StringBuilder();
                boolean masked = false;
                boolean anchored = false;
                while (i < n) {
                    char d = query.charAt(i);
                    if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '/' || d == '=' || d == '<'
                            || d == '>' || d == '"') {
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        text.append(query.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    masked |= d == '*' || d == '?';
                    anchored |= d == '^';
                    text.append(d);
                    i++;
                }
                tokens.add(new Token(Type.WORD, text.toString(), false, masked, anchored, start));
            }
        }
        tokens.add(new Token(Type.EOF, "", false, false, false, n));
        return tokens;
    }

    private enum Type { WORD, SYMBOL, LPAREN, RPAREN, SLASH, EOF }

    private record Token(Type type, String text, boolean quoted, boolean masked, boolean anchored, int at) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }
}
