package org.neurorig.pi;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pi4J contexts built explicitly, provider by provider: auto-detection picks the highest-priority
 * provider per I/O type, and a mock plugin that strayed onto the classpath would win it.
 */
public final class PiContexts {

    private PiContexts() {
    }

    /**
     * The Raspberry Pi's own kernel interfaces: GPIO through libgpiod (/dev/gpiochipN), hardware PWM
     * through sysfs (/sys/class/pwm/pwmchip0, enabled by {@code dtoverlay=pwm-2chan}), I2C through
     * /dev/i2c-N. The caller shuts the context down.
     */
    public static Context hardware() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                        LinuxFsPwmProvider.newInstance(0), LinuxFsI2CProvider.newInstance())
                .build();
    }

    /** Why {@link #hardware} cannot work on this machine, or null when the GPIO character device is there. */
    public static String hardwareMissing() {
        if (!Files.exists(Path.of("/dev/gpiochip0"))) {
            return "no /dev/gpiochip0 here: this is not a Raspberry Pi (or the GPIO driver is not loaded)";
        }
        return null;
    }
}
