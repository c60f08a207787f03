/**
 * A client of the rosbridge v2 protocol (JSON over WebSocket, the JDK's {@code java.net.http}
 * client): service calls, ROS 2 action goals with feedback, results and cancellation,
 * subscriptions and publications, with ids, timeouts, reconnection and typed errors.
 */
package dev.lacy.franka.rosbridge;
