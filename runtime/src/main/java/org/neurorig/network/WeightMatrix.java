package org.neurorig.network;

/**
 * A row-major float matrix, as weights are stored and exchanged.
 *
 * @param name what the matrix is ("recurrent weights J", ...), used in error messages
 * @param rows number of rows
 * @param cols number of columns
 * @param data {@code rows * cols} values, row-major
 */
public record WeightMatrix(String name, int rows, int cols, float[] data) {

    public WeightMatrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException(name + ": shape (" + rows + ", " + cols + ") does not match its "
                    + data.length + " values");
        }
    }

    /** Fails, naming both shapes, unless this matrix is {@code rows x cols}. */
    public void requireShape(int expectedRows, int expectedCols, String what) {
        if (rows != expectedRows || cols != expectedCols) {
            throw new IllegalArgumentException(name + " has shape (" + rows + ", " + cols + "); " + what
                    + " needs shape (" + expectedRows + ", " + expectedCols + ")");
        }
    }
}
