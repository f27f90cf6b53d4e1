package org.neurorig.profile;

import org.neurorig.loop.WaitMode;

/**
 * The profile's {@code [realtime]} section: how the loop thread asks the OS for real-time treatment,
 * and how it waits for its deadlines. Checked against its ranges when the profile loads, not against
 * the machine: the rig turns it into {@link org.neurorig.os.RealTimeSettings} when it is assembled,
 * where a CPU that does not exist is a warning. Every request the OS refuses is reported once, and
 * the loop runs anyway.
 *
 * @param priority   SCHED_FIFO priority 1..99, or 0 for the normal scheduler
 * @param cpu        the CPU to pin the loop thread to, or -1 for no pinning
 * @param lockMemory whether to mlockall the process, so no page fault stalls a tick
 * @param waitMode   how the loop waits for the next deadline (key {@code idle}: {@code sleep},
 *                   {@code spin-then-sleep}, {@code spin})
 */
public record LoopThreadSettings(int priority, int cpu, boolean lockMemory, WaitMode waitMode) {
}
