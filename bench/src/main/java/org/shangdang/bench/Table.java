package org.shangdang.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One result table, printed as Markdown under the run's header so it can be pasted into docs/BENCHMARKS.md.
 * Not thread-safe.
 */
final class Table {

    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(title + ": a row needs " + columns.size() + " cells; got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    Table note(String note) {
        notes.add(note);
        return this;
    }

    List<List<String>> rows() {
        return rows;
    }

    void print(PrintStream out, RunInfo run) {
        out.println();
        out.println("### " + title);
        out.println();
        out.println("```");
        out.println(run.header());
        out.println("```");
        out.println();
        out.println("| " + String.join(" | ", columns) + " |");
        out.println("|" + "---|".repeat(columns.size()));
        for (List<String> row : rows) {
            out.println("| " + String.join(" | ", row) + " |");
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("- " + n));
        }
        out.flush();
    }
}
