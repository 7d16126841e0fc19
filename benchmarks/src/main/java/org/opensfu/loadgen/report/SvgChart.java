package org.opensfu.loadgen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart drawn as inline SVG (no script, no external resource): one or more series of (x, y) points over
 * a linear x axis and a y axis from 0, with grid lines at round values, point markers with their values on hover
 * ({@code <title>}), and a legend.
 */
final class SvgChart {
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int MARGIN_LEFT = 64;
    private static final int MARGIN_RIGHT = 16;
    private static final int MARGIN_TOP = 36;
    private static final int MARGIN_BOTTOM = 64;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, String color, boolean dashed, double[] x, double[] y) {
    }

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; points whose y is not finite are skipped. */
    SvgChart series(String name, boolean dashed, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        series.add(new Series(name, PALETTE[series.size() % PALETTE.length], dashed, x.clone(), y.clone()));
        return this;
    }

    String render(int width, int height) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i])) {
                    xMin = Math.min(xMin, s.x[i]);
                    xMax = Math.max(xMax, s.x[i]);
                    yMax = Math.max(yMax, s.y[i]);
                }
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
        }
        if (xMin == xMax) {
            xMin -= 1;
            xMax += 1;
        }
        double yStep = niceStep(yMax <= 0 ? 1 : yMax * 1.1 / 5);
        double yTop = yStep * Math.max(1, Math.ceil(yMax * 1.1 / yStep));
        int plotWidth = width - MARGIN_LEFT - MARGIN_RIGHT;
        int plotHeight = height - MARGIN_TOP - MARGIN_BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(text(width / 2.0, 20, "middle", "bold", title));
        for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
            double y = MARGIN_TOP + plotHeight - v / yTop * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    MARGIN_LEFT, y, MARGIN_LEFT + plotWidth, y));
            svg.append(text(MARGIN_LEFT - 6, y + 4, "end", "normal", format(v)));
        }
        List<Double> xTicks = new ArrayList<>();
        for (Series s : series) {
            for (double x : s.x) {
                if (!xTicks.contains(x)) {
                    xTicks.add(x);
                }
            }
        }
        for (double x : xTicks) {
            double px = MARGIN_LEFT + (x - xMin) / (xMax - xMin) * plotWidth;
            svg.append(text(px, MARGIN_TOP + plotHeight + 16, "middle", "normal", format(x)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", MARGIN_LEFT, MARGIN_TOP, plotWidth, plotHeight));
        svg.append(text(MARGIN_LEFT + plotWidth / 2.0, MARGIN_TOP + plotHeight + 34, "middle", "normal", xLabel));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>%n", MARGIN_TOP + plotHeight / 2.0,
                MARGIN_TOP + plotHeight / 2.0, Html.escape(yLabel)));
        int legendX = MARGIN_LEFT;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i])) {
                    continue;
                }
                double px = MARGIN_LEFT + (s.x[i] - xMin) / (xMax - xMin) * plotWidth;
                double py = MARGIN_TOP + plotHeight - s.y[i] / yTop * plotHeight;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                markers.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                        + "<title>%s: %s at %s</title></circle>%n", px, py, s.color, Html.escape(s.name),
                        format(s.y[i]), format(s.x[i])));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                    + "points=\"%s\"/>%n", s.color, s.dashed ? " stroke-dasharray=\"6 4\"" : "", points));
            svg.append(markers);
            int legendY = height - 14;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"%s/>%n", legendX, legendY - 4, legendX + 18, legendY - 4, s.color,
                    s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(text(legendX + 22, legendY, "start", "normal", s.name));
            legendX += 30 + 7 * s.name.length();
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String text(double x, double y, String anchor, String weight, String value) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\">%s"
                + "</text>%n", x, y, anchor, weight, Html.escape(value));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= rough) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : Math.abs(value) >= 1 ? String.format(Locale.ROOT, "%.2f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
