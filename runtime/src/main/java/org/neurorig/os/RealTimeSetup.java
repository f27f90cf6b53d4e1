package org.neurorig.os;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@link RealTimeSettings} to the calling thread (priority, CPU) and the process (memory
 * locking) through libc. Nothing here throws for a refusal: a loop still runs without real-time
 * settings, only worse, and the {@link RealTimeReport} says plainly what was not set and what that costs.
 */
public final class RealTimeSetup {

    private RealTimeSetup() {
    }

    /** Applies {@code settings} to the calling thread; call it on the thread that will run the loop. */
    public static RealTimeReport apply(RealTimeSettings settings) {
        List<RealTimeReport.Item> items = new ArrayList<>();
        if (!settings.any()) {
            return new RealTimeReport(Libc.AVAILABLE ? Libc.gettid() : -1, items);
        }
        if (!Libc.AVAILABLE) {
            String why = Libc.UNAVAILABLE_REASON + ": neurorig reaches these only through Linux's libc";
            if (settings.lockMemory()) {
                items.add(new RealTimeReport.Item("mlockall", false, why, MLOCK_COST));
            }
            if (settings.fifoPriority() > 0) {
                items.add(new RealTimeReport.Item("SCHED_FIFO priority " + settings.fifoPriority(), false, why, FIFO_COST));
            }
            if (settings.cpu() >= 0) {
                items.add(new RealTimeReport.Item("pinned to CPU " + settings.cpu(), false, why, PIN_COST));
            }
            return new RealTimeReport(-1, items);
        }
        if (settings.lockMemory()) {
            int rc = Libc.mlockall(Libc.MCL_CURRENT | Libc.MCL_FUTURE);
            items.add(new RealTimeReport.Item("mlockall(MCL_CURRENT | MCL_FUTURE)", rc == 0,
                    rc == 0 ? "" : failure(rc, rc == 12 || rc == 1
                            ? "the memlock limit (ulimit -l) is smaller than the JVM: raise it (ulimit -l unlimited, or memlock in "
                              + "/etc/security/limits.conf) or grant CAP_IPC_LOCK"
                            : "see mlockall(2)"),
                    MLOCK_COST));
        }
        if (settings.fifoPriority() > 0) {
            int max = Libc.fifoPriorityMax();
            int rc = settings.fifoPriority() > max ? 22 : Libc.setFifo(settings.fifoPriority());
            items.add(new RealTimeReport.Item("SCHED_FIFO priority " + settings.fifoPriority(), rc == 0,
                    rc == 0 ? "" : failure(rc, rc == 1
                            ? "not permitted: run as root, or grant CAP_SYS_NICE (setcap cap_sys_nice+ep on the java binary), "
                              + "or allow it with an rtprio line in /etc/security/limits.conf"
                            : rc == 22 ? "the highest SCHED_FIFO priority here is " + max : "see sched_setscheduler(2)"),
                    FIFO_COST));
        }
        if (settings.cpu() >= 0) {
            int rc = Libc.pinTo(settings.cpu());
            items.add(new RealTimeReport.Item("pinned to CPU " + settings.cpu(), rc == 0,
                    rc == 0 ? "" : failure(rc, rc == 22
                            ? "CPU " + settings.cpu() + " is not in this process's allowed set (taskset, cgroup cpuset)"
                            : "see sched_setaffinity(2)"),
                    PIN_COST));
        }
        return new RealTimeReport(Libc.gettid(), items);
    }

    private static String failure(int errno, String advice) {
        return Libc.errnoName(errno) + " (" + Libc.strerror(errno) + "): " + advice;
    }

    private static final String MLOCK_COST = "pages can be swapped out or touched for the first time inside a tick; "
            + "each such page fault stalls the loop, from microseconds (minor) to milliseconds (major)";
    private static final String FIFO_COST = "the loop competes with every other process under the normal scheduler; "
            + "under load a wake-up can be late by a scheduler time slice, i.e. milliseconds";
    private static final String PIN_COST = "the kernel may migrate the loop between CPUs; each migration refills the "
            + "caches and can add microseconds to tens of microseconds to a tick";
}
