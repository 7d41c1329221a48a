package dev.pledge.local.node;

import java.io.PrintStream;

/** Runs a container whose image is not Pledge's own: the user's pipeline image. */
@FunctionalInterface
public interface ImageRunner {

    /**
     * @param log what the container prints goes here; its last line becomes the Pod's message when it fails
     * @return the container's exit code
     */
    int run(ContainerView container, PrintStream log) throws Exception;
}
