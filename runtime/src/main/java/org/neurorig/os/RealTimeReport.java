package org.neurorig.os;

import java.util.List;

/**
 * What {@link RealTimeSetup#apply} could and could not set, and what each failure costs. It is said
 * once, when the loop starts, never from the tick.
 *
 * @param threadId the kernel's id of the thread the settings were applied to (-1 when unknown)
 * @param items    one line per setting that was asked for
 */
public record RealTimeReport(int threadId, List<Item> items) {

    /**
     * @param setting what was asked, e.g. "SCHED_FIFO priority 80"
     * @param applied whether the OS accepted it
     * @param detail  on failure, the OS's answer (e.g. "EPERM: Operation not permitted") and how to fix it
     * @param cost    on failure, what running without it costs
     */
    public record Item(String setting, boolean applied, String detail, String cost) {
    }

    public RealTimeReport {
        items = List.copyOf(items);
    }

    /** Whether every setting asked for was applied. */
    public boolean allApplied() {
        return items.stream().allMatch(Item::applied);
    }

    /** The first item that was not applied, as one line for an error message, or null. */
    public String firstFailure() {
        return items.stream().filter(i -> !i.applied()).findFirst()
                .map(i -> i.setting() + ": " + i.detail()).orElse(null);
    }

    /** The report as text, one line per setting, e.g. for the log or a command's output. */
    public String render() {
        if (items.isEmpty()) {
            return "real-time: nothing asked (normal scheduler, any CPU, pageable memory)";
        }
        StringBuilder out = new StringBuilder("real-time settings of the loop thread")
                .append(threadId >= 0 ? " (tid " + threadId + ")" : "").append(':');
        for (Item i : items) {
            out.append("\n  ").append(i.applied() ? "set     " : "NOT SET ").append(i.setting());
            if (!i.applied()) {
                out.append(": ").append(i.detail()).append("\n           cost: ").append(i.cost());
            }
        }
        return out.toString();
    }
}
