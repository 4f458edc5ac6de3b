package org.shangdang.api.sru;

import java.util.List;
import java.util.Objects;

/** A parsed CQL query: boolean combinations of search clauses. Immutable. */
public sealed interface CqlNode {

    /** {@code left op right}, with the boolean's modifiers. */
    record Bool(Op op, CqlNode left, CqlNode right, List<Modifier> modifiers) implements CqlNode {
        public Bool {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            modifiers = List.copyOf(modifiers);
        }
    }

    /**
     * {@code index relation term}; a bare term has index {@code cql.serverchoice} and relation {@code =}.
     *
     * @param index lower case, as written (with or without a context set prefix)
     * @param relation lower case: a symbol ({@code =}, {@code ==}, {@code <>}, {@code <}, …) or a name ({@code all}, {@code any}, {@code adj}, …)
     * @param term the term with CQL escapes resolved
     * @param masked whether the term holds an unescaped masking character ({@code *} or {@code ?})
     * @param anchored whether the term holds an unescaped {@code ^}
     */
    record Clause(String index, String relation, List<Modifier> modifiers, String term, boolean masked, boolean anchored)
            implements CqlNode {
        public Clause {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(term, "term");
            modifiers = List.copyOf(modifiers);
        }
    }

    /** A relation or boolean modifier: {@code /name}, or {@code /name=value}. */
    record Modifier(String name, String comparator, String value) {}

    enum Op { AND, OR, NOT, PROX }
}
