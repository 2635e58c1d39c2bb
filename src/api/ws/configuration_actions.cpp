// configuration/get, configuration/put, configuration/delete.
#include "api/json/views.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {
namespace {

constexpr std::string_view kNameWrong = "Configuration name is wrong or empty";

void WriteSetting(core::JsonWriter& w, const domain::Configuration& setting) {
  w.Key("configuration");
  json::WriteConfiguration(w, setting);
}

}  // namespace

void AddConfigurationActions(ActionTable& table, ActionServices& s) {
  auto& configuration = s.configuration;
  table["configuration/get"] = [&configuration](ActionCall& call) {
    auto name = RequireString(call.request, "name", kNameWrong);
    if (!name) return call.respond.Fail(name.error());
    call.respond.Answer(configuration.Get(call.connection->principal(), *name), WriteSetting);
  };
  table["configuration/put"] = [&configuration](ActionCall& call) {
    auto name = RequireString(call.request, "name", kNameWrong);
    if (!name) return call.respond.Fail(name.error());
    auto value = core::JsonFields(call.request).String("value");
    if (!value) return call.respond.Fail(value.error());
    call.respond.Answer(configuration.Put(call.connection->principal(), *name, *value),
                        WriteSetting);
  };
  table["configuration/delete"] = [&configuration](ActionCall& call) {
    auto name = RequireString(call.request, "name", kNameWrong);
    if (!name) return call.respond.Fail(name.error());
    call.respond.Finish(configuration.Delete(call.connection->principal(), *name));
  };
}

}  // namespace dh::api::ws
