package io.trapwatch.detection.domain;

import java.util.Arrays;

/** Builds the primitive input arrays of the detector tests. */
final class TestArrays {

    private TestArrays() {
    }

    static double[] repeat(double value, int count) {
        double[] values = new double[count];
        Arrays.fill(values, value);
        return values;
    }

    static double[] concat(double[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        double[] values = new double[length];
        int offset = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, values, offset, part.length);
            offset += part.length;
        }
        return values;
    }

    static double[] of(double... values) {
        return values;
    }

    /** {@code count} values starting at {@code first}, each {@code step} from the previous. */
    static double[] ramp(double first, double step, int count) {
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            values[k] = first + k * step;
        }
        return values;
    }
}
