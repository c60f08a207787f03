package dev.lacy.dataset;

import java.nio.file.Path;

/**
 * A second process for the ownership tests: owns the directory given as its argument, says so on stdout, and holds
 * it until its standard input closes.
 */
public final class OwningProcess {

    private OwningProcess() {
    }

    public static void main(String[] args) throws Exception {
        DirectoryOwnership.own(Path.of(args[0]));
        System.out.println("owned " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the lock until the test closes our input
        }
    }

    /** Starts one that owns {@code directory}, and returns once it does. */
    public static Process start(Path directory) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), OwningProcess.class.getName(),
                directory.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || !line.startsWith("owned ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the owning process did not start: " + line);
        }
        return process;
    }
}
