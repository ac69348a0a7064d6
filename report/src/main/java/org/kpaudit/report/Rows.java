package org.kpaudit.report;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long list of flat records (sections, symbols, relocations) in a report tree, made row by row
 * when a writer asks, straight from the model: no list of maps for the whole table is ever held.
 * As a {@code List} of maps it reads like any other list of the tree (a row's map is made on
 * {@link #get}); the writers of {@link TreeWriter}, {@link BlockYaml} and {@link TextRenderer}
 * instead ask for each row's cells with {@link #fill} into one reused array, column by column,
 * and write them out as they come. The output is the same either way.
 */
public abstract class Rows extends AbstractList<Map<String, Object>> {

    /** A cell whose key the row does not have (an optional column, such as a symbol's version). */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    private final String[] columns;

    /** @param columns the keys of a row, in order; every cell is a scalar (string, number, boolean or null) */
    protected Rows(String... columns) {
        this.columns = columns.clone();
    }

    /** The keys, in order. */
    public final List<String> columns() {
        return List.of(columns);
    }

    final String column(int i) {
        return columns[i];
    }

    final int width() {
        return columns.length;
    }

    /** Puts row {@code row}'s value of column {@code c} in {@code cells[c]}, or {@link #ABSENT}. */
    public abstract void fill(int row, Object[] cells);

    @Override
    public final Map<String, Object> get(int row) {
        Object[] cells = new Object[columns.length];
        fill(row, cells);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != ABSENT) {
                m.put(columns[i], cells[i]);
            }
        }
        return m;
    }
}
