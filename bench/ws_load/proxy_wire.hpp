#pragma once
// The plugin proxy messages the load tool sends (spec proxy-plugin-mqtt.md §1.2, §3.5), and
// cheap scans of the ones it receives, in the manner of wire.hpp: exact compact keys as the
// server writes them, no JSON DOM.
//
// A delivery is {"t":"notif","s":0,"st":<topic>,"p":{"m":<string>}} where the string holds the
// plugin envelope {"b":{"notification":{...,"parameters":{"t":<sent ns>}},"a":10},...} as
// escaped JSON text. The send time is read straight out of the escaped text
// (parameters\":{\"t\":<digits>): digits need no unescaping, so a delivery costs one substring
// search and one from_chars.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dh::bench {

// {"id":"auth","t":"plugin","a":"authenticate","p":{"token":...}}
std::string PluginAuthenticateMessage(std::string_view token);
// {"id":"sub","t":"topic","a":"subscribe","p":{"sg":<group>,"t":[<topic>]}}; no "sg" when
// `group` is empty (every connection of the plugin receives every event).
std::string TopicSubscribeMessage(std::string_view topic, std::string_view group);

// True for a delivery ({"t":"notif",...), the only message the server sends unasked.
bool IsDelivery(std::string_view message);
// The "a" (action) of a reply; empty if none.
std::string_view ReplyActionOf(std::string_view message);
// True if the reply's status "s" is 0.
bool IsProxySuccess(std::string_view message);
// The "t" parameter of the notification inside a delivery: the sender's steady-clock ns.
std::optional<int64_t> DeliverySendTime(std::string_view delivery);

}  // namespace dh::bench
