package io.graygate.alerting;

import java.net.URI;

/** A webhook to POST to; the URL came from an environment variable, never from the file. */
public record Channel(String name, ChannelType type, URI url) {
}
