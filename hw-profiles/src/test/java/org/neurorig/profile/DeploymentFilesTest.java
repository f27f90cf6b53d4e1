package org.neurorig.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Raspberry Pi deployment files (hw-profiles/deploy/raspberry-pi) agree with the rpi-cartpole
 * profile they deploy: the service may grant the real-time priority and memory lock the profile asks
 * for, keeps the JVM's other threads off the loop's core, that core is the one isolated at boot, and the
 * overlays enable the PWM channel and I2C bus the profile uses. Editing one without the other fails here.
 */
class DeploymentFilesTest {

    private static final Path DIR = Path.of("deploy", "raspberry-pi");

    private static Map<String, String> unit() throws IOException {
        return Files.readAllLines(DIR.resolve("neurorig-rig.service")).stream().map(String::strip)
                .filter(l -> !l.startsWith("#") && l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    @Test
    void theServiceGrantsWhatTheProfileAsksFor() throws Exception {
        Map<String, String> unit = unit();
        String exec = unit.get("ExecStart");
        String name = exec.replaceAll(".*--profile (\\S+).*", "$1");
        assertTrue(ProfileCatalog.names().contains(name), "ExecStart runs a shipped profile: " + exec);
        RigProfile profile = ProfileLoader.load(name, List.of());
        assertTrue(profile.device() instanceof DeviceSpec.RaspberryPi, name + " is a Pi rig");
        LoopThreadSettings rt = profile.realtime();
        assertTrue(rt.priority() > 0 && rt.priority() <= Integer.parseInt(unit.get("LimitRTPRIO")),
                "SCHED_FIFO " + rt.priority() + " within LimitRTPRIO " + unit.get("LimitRTPRIO"));
        assertTrue(rt.lockMemory());
        assertEquals("infinity", unit.get("LimitMEMLOCK"), "mlockall of a JVM needs an unlimited memlock limit");
        String[] affinity = unit.get("CPUAffinity").split("-");
        int last = Integer.parseInt(affinity[affinity.length - 1]);
        int first = Integer.parseInt(affinity[0]);
        assertTrue(rt.cpu() >= 0 && (rt.cpu() < first || rt.cpu() > last),
                "the loop's core " + rt.cpu() + " is outside the JVM's CPUAffinity " + unit.get("CPUAffinity"));
        String cmdline = Files.readString(DIR.resolve("cmdline.txt.append")).strip();
        assertTrue(List.of(cmdline.split("\\s+")).contains("isolcpus=" + rt.cpu()), cmdline);
        assertTrue(unit.get("SupplementaryGroups").contains("gpio") && unit.get("SupplementaryGroups").contains("i2c"));
    }

    @Test
    void theOverlaysEnableThePwmChannelAndI2cBusTheProfileUses() throws Exception {
        DeviceSpec.RaspberryPi pi = (DeviceSpec.RaspberryPi) ProfileLoader.load("rpi-cartpole", List.of()).device();
        List<String> config = Files.readAllLines(DIR.resolve("config.txt.append")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertTrue(config.contains("dtoverlay=pwm-2chan"), "pwm-2chan puts channels 0 and 1 on GPIO 18 and 19: " + config);
        assertTrue(pi.pwmPin() == 18 || pi.pwmPin() == 19);
        assertEquals(1, pi.i2cBus(), "dtparam=i2c_arm is bus 1");
        assertTrue(config.contains("dtparam=i2c_arm=on"), config.toString());
    }
}
