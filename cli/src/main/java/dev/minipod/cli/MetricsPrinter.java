package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code kubectl top pod}'s table: {@code NAME CPU(cores) MEMORY(bytes)}, or with {@code --containers}
 * {@code POD NAME CPU(cores) MEMORY(bytes)}; cpu in millicores rounded up (Quantity.MilliValue), memory
 * in whole Mi rounded down, every cell tab-terminated as kubectl's printer writes it.
 */
final class MetricsPrinter {
    private MetricsPrinter() {}

    static String table(List<JsonNode> podMetrics, boolean containers) {
        TabWriter tw = new TabWriter(6, 3, false);
        tw.write(containers ? "POD\tNAME\tCPU(cores)\tMEMORY(bytes)\t\n" : "NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
        for (JsonNode m : podMetrics) {
            String pod = m.path("metadata").path("name").asText("");
            if (containers) {
                for (JsonNode c : m.path("containers")) {
                    tw.write(pod + "\t" + c.path("name").asText("") + "\t" + usage(c.path("usage")) + "\n");
                }
                continue;
            }
            BigDecimal cpu = BigDecimal.ZERO;
            BigDecimal memory = BigDecimal.ZERO;
            for (JsonNode c : m.path("containers")) {
                cpu = cpu.add(quantity(c.path("usage").path("cpu").asText("0")));
                memory = memory.add(quantity(c.path("usage").path("memory").asText("0")));
            }
            tw.write(pod + "\t" + milli(cpu) + mebi(memory) + "\n");
        }
        return tw.flush().take();
    }

    private static String usage(JsonNode u) {
        return milli(quantity(u.path("cpu").asText("0"))) + mebi(quantity(u.path("memory").asText("0")));
    }

    private static String milli(BigDecimal cores) {
        return cores.movePointRight(3).setScale(0, RoundingMode.CEILING).toPlainString() + "m\t";
    }

    private static String mebi(BigDecimal bytes) {
        long b = bytes.setScale(0, RoundingMode.CEILING).longValue();
        return b / (1024 * 1024) + "Mi\t";
    }

    /** The metrics API's quantities: plain, n/u/m decimal suffixes, or binary Ki/Mi/Gi. */
    static BigDecimal quantity(String q) {
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"n", "1e-9"}, {"u", "1e-6"},
                {"m", "1e-3"}, {"k", "1e3"}, {"M", "1e6"}, {"G", "1e9"}};
        for (String[] s : suffixes) {
            if (q.endsWith(s[0])) {
                return new BigDecimal(q.substring(0, q.length() - s[0].length())).multiply(new BigDecimal(s[1]));
            }
        }
        return new BigDecimal(q);
    }
}
