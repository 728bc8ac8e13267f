package dev.quell.console;

import dev.quell.engine.Channel;

import java.util.List;
import java.util.stream.Stream;

/** A channel as a form's choice: its id and name. */
public record ChannelOption(long channelId, String name) {

    public static List<ChannelOption> of(Stream<Channel> channels) {
        return channels.map(c -> new ChannelOption(c.channelId(), c.channelName())).toList();
    }
}
