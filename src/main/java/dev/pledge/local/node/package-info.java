/**
 * A node without a kubelet: runs the workflow Pods the scheduler binds to it, on this machine.
 * <ul>
 *   <li>{@link dev.pledge.local.node.LocalNode} registers the Node object, watches the Pods bound to it and
 *       records each outcome on the Pod's status, so the Job controller completes or fails the Job.</li>
 *   <li>{@link dev.pledge.local.node.PodRun} runs one Pod: lays out its volumes, runs init containers in order,
 *       stops at the first failure.</li>
 *   <li>Containers whose image is Pledge's adapter image run this binary's sub-commands in-process
 *       ({@link dev.pledge.local.node.AdapterContainer}); every other image goes to an
 *       {@link dev.pledge.local.node.ImageRunner}: {@link dev.pledge.local.node.ContainerEngine} (podman or
 *       docker) for {@code pledge local}, registered Java steps in the tests.</li>
 * </ul>
 */
package dev.pledge.local.node;
