// The storage contract for plugins.
#include <algorithm>
#include <string>
#include <vector>

#include "contract/storage_contract.hpp"

namespace dh::test {
namespace {

using domain::PluginStatus;
using storage::PluginFilter;
using storage::PluginQuery;
using storage::PluginSort;
using storage::SortOrder;

domain::Plugin NewPlugin(const std::string& name, const std::string& topic, int64_t user_id,
                         PluginStatus status = PluginStatus::kCreated,
                         std::optional<int64_t> subscription_id = std::nullopt) {
  domain::Plugin plugin;
  plugin.name = name;
  plugin.topic_name = topic;
  plugin.filter = "*/*/*/*/*";
  plugin.status = status;
  plugin.subscription_id = subscription_id;
  plugin.user_id = user_id;
  return plugin;
}

domain::Plugin FullPlugin(int64_t user_id) {
  auto plugin = NewPlugin("full", "plugin_topic_full", user_id, PluginStatus::kActive, 4242);
  plugin.id = 999;
  plugin.description = "every field set";
  plugin.filter = "notification/1,2/3/dev-1/temperature";
  plugin.parameters = R"({"threshold":10})";
  return plugin;
}

void ExpectSameFields(const domain::Plugin& actual, const domain::Plugin& expected) {
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_EQ(actual.description, expected.description);
  EXPECT_EQ(actual.topic_name, expected.topic_name);
  EXPECT_EQ(actual.filter, expected.filter);
  EXPECT_EQ(actual.status, expected.status);
  EXPECT_EQ(actual.subscription_id, expected.subscription_id);
  EXPECT_EQ(actual.user_id, expected.user_id);
  EXPECT_EQ(actual.parameters, expected.parameters);
}

std::vector<std::string> Topics(const std::vector<domain::Plugin>& plugins) {
  std::vector<std::string> topics;
  for (const auto& plugin : plugins) topics.push_back(plugin.topic_name);
  return topics;
}

std::vector<std::string> SortedTopics(const std::vector<domain::Plugin>& plugins) {
  auto topics = Topics(plugins);
  std::sort(topics.begin(), topics.end());
  return topics;
}

std::vector<std::string> Names(const std::vector<domain::Plugin>& plugins) {
  std::vector<std::string> names;
  for (const auto& plugin : plugins) names.push_back(plugin.name);
  return names;
}

std::vector<domain::Plugin> List(storage::PluginStore& plugins, const PluginQuery& query) {
  auto listed = plugins.List(query);
  EXPECT_TRUE(listed) << listed.error().message;
  return listed ? *listed : std::vector<domain::Plugin>();
}

int64_t Count(storage::PluginStore& plugins, const PluginFilter& filter) {
  auto counted = plugins.Count(filter);
  EXPECT_TRUE(counted) << counted.error().message;
  return counted ? *counted : -1;
}

PluginQuery Filtered(PluginFilter filter) {
  PluginQuery query;
  query.filter = std::move(filter);
  return query;
}

// Created in this order (so ids ascend): alpha (alice, ACTIVE), beta (alice, INACTIVE),
// gamma (bob, ACTIVE), a second alpha (bob, CREATED). Topics are "t-<name>" and "t-alpha-2".
void CreateCast(storage::PluginStore& plugins, int64_t alice, int64_t bob) {
  for (const auto& plugin : {NewPlugin("alpha", "t-alpha", alice, PluginStatus::kActive, 11),
                             NewPlugin("beta", "t-beta", alice, PluginStatus::kInactive),
                             NewPlugin("gamma", "t-gamma", bob, PluginStatus::kActive, 12),
                             NewPlugin("alpha", "t-alpha-2", bob, PluginStatus::kCreated)}) {
    auto created = plugins.Create(plugin);
    ASSERT_TRUE(created) << plugin.topic_name << ": " << created.error().message;
  }
}

TEST_P(StorageContract, PluginCreateStoresEveryField) {
  const auto owner = CreateUser("owner");
  const auto created = store().plugins().Create(FullPlugin(owner.id)).value();
  ExpectSameFields(created, FullPlugin(owner.id));
  const auto read = store().plugins().FindByTopic("plugin_topic_full").value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, created.id);
  ExpectSameFields(*read, FullPlugin(owner.id));
}

TEST_P(StorageContract, PluginCreateAssignsFreshIds) {
  const auto owner = CreateUser("owner");
  auto plugin = FullPlugin(owner.id);
  const auto first = store().plugins().Create(plugin).value();
  plugin.topic_name = "plugin_topic_second";
  const auto second = store().plugins().Create(plugin).value();
  EXPECT_NE(first.id, second.id);
  EXPECT_GT(first.id, 0);
  EXPECT_GT(second.id, 0);
  EXPECT_EQ(store().plugins().FindByTopic("plugin_topic_second").value()->id, second.id);
}

TEST_P(StorageContract, PluginOptionalFieldsMayBeNull) {
  const auto owner = CreateUser("owner");
  const auto created = store().plugins().Create(NewPlugin("sparse", "t-sparse", owner.id)).value();
  const auto read = store().plugins().FindByTopic("t-sparse").value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, created.id);
  EXPECT_EQ(read->description, std::nullopt);
  EXPECT_EQ(read->parameters, std::nullopt);
  EXPECT_EQ(read->subscription_id, std::nullopt);
  EXPECT_EQ(read->status, PluginStatus::kCreated);
}

TEST_P(StorageContract, PluginFindByUnknownTopicIsEmpty) {
  EXPECT_EQ(store().plugins().FindByTopic("plugin_topic_nowhere").value(), std::nullopt);
  const auto owner = CreateUser("owner");
  store().plugins().Create(NewPlugin("p", "Topic", owner.id)).value();
  EXPECT_EQ(store().plugins().FindByTopic("topic").value(), std::nullopt);
  EXPECT_EQ(store().plugins().FindByTopic("Top%").value(), std::nullopt);
}

TEST_P(StorageContract, PluginDuplicateTopicIsConflict) {
  const auto owner = CreateUser("owner");
  const auto other = CreateUser("other");
  store().plugins().Create(NewPlugin("first", "t-shared", owner.id)).value();
  auto again = store().plugins().Create(NewPlugin("second", "t-shared", other.id));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::Errc::kConflict);
  EXPECT_EQ(store().plugins().FindByTopic("t-shared").value()->name, "first");
  EXPECT_EQ(Count(store().plugins(), {}), 1);
}

TEST_P(StorageContract, PluginNamesNeedNotBeUnique) {
  const auto owner = CreateUser("owner");
  store().plugins().Create(NewPlugin("same", "t-1", owner.id)).value();
  EXPECT_TRUE(store().plugins().Create(NewPlugin("same", "t-2", owner.id)));
  PluginFilter filter;
  filter.name.name = "same";
  EXPECT_EQ(Count(store().plugins(), filter), 2);
}

TEST_P(StorageContract, PluginListWithoutFilterHasEveryPlugin) {
  EXPECT_TRUE(List(store().plugins(), {}).empty());
  EXPECT_EQ(Count(store().plugins(), {}), 0);
  CreateCast(store().plugins(), CreateUser("alice").id, CreateUser("bob").id);
  EXPECT_EQ(SortedTopics(List(store().plugins(), {})),
            (std::vector<std::string>{"t-alpha", "t-alpha-2", "t-beta", "t-gamma"}));
  EXPECT_EQ(Count(store().plugins(), {}), 4);
}

TEST_P(StorageContract, PluginListFiltersByEachFieldAlone) {
  const auto alice = CreateUser("alice");
  const auto bob = CreateUser("bob");
  CreateCast(store().plugins(), alice.id, bob.id);
  auto& plugins = store().plugins();

  PluginFilter filter;
  filter.name.name = "alpha";
  EXPECT_EQ(SortedTopics(List(plugins, Filtered(filter))),
            (std::vector<std::string>{"t-alpha", "t-alpha-2"}));
  EXPECT_EQ(Count(plugins, filter), 2);

  filter = {};
  filter.topic_name = "t-gamma";
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-gamma"});
  EXPECT_EQ(Count(plugins, filter), 1);

  filter = {};
  filter.status = PluginStatus::kActive;
  EXPECT_EQ(SortedTopics(List(plugins, Filtered(filter))),
            (std::vector<std::string>{"t-alpha", "t-gamma"}));
  EXPECT_EQ(Count(plugins, filter), 2);

  filter = {};
  filter.user_id = alice.id;
  EXPECT_EQ(SortedTopics(List(plugins, Filtered(filter))),
            (std::vector<std::string>{"t-alpha", "t-beta"}));
  EXPECT_EQ(Count(plugins, filter), 2);

  filter = {};
  filter.user_id = 424242;
  EXPECT_TRUE(List(plugins, Filtered(filter)).empty());
  EXPECT_EQ(Count(plugins, filter), 0);
}

TEST_P(StorageContract, PluginListCombinesFilters) {
  const auto alice = CreateUser("alice");
  const auto bob = CreateUser("bob");
  CreateCast(store().plugins(), alice.id, bob.id);
  auto& plugins = store().plugins();

  PluginFilter filter;
  filter.name.name = "alpha";
  filter.user_id = bob.id;
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-alpha-2"});
  EXPECT_EQ(Count(plugins, filter), 1);

  filter = {};
  filter.status = PluginStatus::kActive;
  filter.user_id = alice.id;
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-alpha"});
  EXPECT_EQ(Count(plugins, filter), 1);

  filter = {};
  filter.name.name_pattern = "%a";
  filter.status = PluginStatus::kActive;
  filter.topic_name = "t-gamma";
  filter.user_id = bob.id;
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-gamma"});
  EXPECT_EQ(Count(plugins, filter), 1);

  filter.user_id = alice.id;
  EXPECT_TRUE(List(plugins, Filtered(filter)).empty());
  EXPECT_EQ(Count(plugins, filter), 0);
}

TEST_P(StorageContract, PluginNameAndPatternBothApply) {
  CreateCast(store().plugins(), CreateUser("alice").id, CreateUser("bob").id);
  PluginFilter filter;
  filter.name.name = "beta";
  filter.name.name_pattern = "%et%";
  EXPECT_EQ(Topics(List(store().plugins(), Filtered(filter))), std::vector<std::string>{"t-beta"});
  filter.name.name_pattern = "al%";
  EXPECT_TRUE(List(store().plugins(), Filtered(filter)).empty());
  EXPECT_EQ(Count(store().plugins(), filter), 0);
}

TEST_P(StorageContract, PluginNamePatternUsesPercentAndUnderscoreCaseSensitively) {
  CreateCast(store().plugins(), CreateUser("alice").id, CreateUser("bob").id);
  auto& plugins = store().plugins();
  PluginFilter filter;
  filter.name.name_pattern = "%a";
  EXPECT_EQ(Count(plugins, filter), 4);
  filter.name.name_pattern = "al%";
  EXPECT_EQ(SortedTopics(List(plugins, Filtered(filter))),
            (std::vector<std::string>{"t-alpha", "t-alpha-2"}));
  EXPECT_EQ(Count(plugins, filter), 2);
  filter.name.name_pattern = "_eta";
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-beta"});
  filter.name.name_pattern = "__ta";
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-beta"});
  filter.name.name_pattern = "A%";
  EXPECT_TRUE(List(plugins, Filtered(filter)).empty());
  EXPECT_EQ(Count(plugins, filter), 0);
  filter.name.name_pattern = "alpha";
  EXPECT_EQ(Count(plugins, filter), 2);
}

TEST_P(StorageContract, PluginNameFiltersTreatQuotesAsData) {
  const auto owner = CreateUser("owner");
  const std::string quoted = R"(O'Brien's "best" plugin)";
  store().plugins().Create(NewPlugin(quoted, "t-quoted", owner.id)).value();
  store().plugins().Create(NewPlugin("plain", "t-plain", owner.id)).value();
  auto& plugins = store().plugins();

  PluginFilter filter;
  filter.name.name = quoted;
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-quoted"});
  filter = {};
  filter.name.name_pattern = "O'%";
  EXPECT_EQ(Topics(List(plugins, Filtered(filter))), std::vector<std::string>{"t-quoted"});
  filter.name.name_pattern = R"(%"best"%)";
  EXPECT_EQ(Count(plugins, filter), 1);
  filter.name.name_pattern = "x' OR '1'='1";
  EXPECT_TRUE(List(plugins, Filtered(filter)).empty());
  EXPECT_EQ(Count(plugins, filter), 0);
  filter.name.name_pattern = "%'; DELETE FROM plugin; --";
  EXPECT_EQ(Count(plugins, filter), 0);
  filter = {};
  filter.topic_name = "t-plain' OR '1'='1";
  EXPECT_EQ(Count(plugins, filter), 0);
  EXPECT_EQ(Count(plugins, {}), 2);
}

TEST_P(StorageContract, PluginListOrdersByName) {
  CreateCast(store().plugins(), CreateUser("alice").id, CreateUser("bob").id);
  PluginQuery query;
  query.sort = PluginSort::kName;
  EXPECT_EQ(Names(List(store().plugins(), query)),
            (std::vector<std::string>{"alpha", "alpha", "beta", "gamma"}));
  query.order = SortOrder::kDesc;
  EXPECT_EQ(Names(List(store().plugins(), query)),
            (std::vector<std::string>{"gamma", "beta", "alpha", "alpha"}));
}

TEST_P(StorageContract, PluginListOrdersById) {
  CreateCast(store().plugins(), CreateUser("alice").id, CreateUser("bob").id);
  PluginQuery query;
  query.sort = PluginSort::kId;
  EXPECT_EQ(Topics(List(store().plugins(), query)),
            (std::vector<std::string>{"t-alpha", "t-beta", "t-gamma", "t-alpha-2"}));
  query.order = SortOrder::kDesc;
  EXPECT_EQ(Topics(List(store().plugins(), query)),
            (std::vector<std::string>{"t-alpha-2", "t-gamma", "t-beta", "t-alpha"}));
}

TEST_P(StorageContract, PluginListPagesWithTakeAndSkip) {
  CreateCast(store().plugins(), CreateUser("alice").id, CreateUser("bob").id);
  PluginQuery query;
  query.sort = PluginSort::kId;
  query.page.take = 2;
  query.page.skip = 1;
  EXPECT_EQ(Topics(List(store().plugins(), query)),
            (std::vector<std::string>{"t-beta", "t-gamma"}));
  query.page.take = std::nullopt;
  query.page.skip = 3;
  EXPECT_EQ(Topics(List(store().plugins(), query)), std::vector<std::string>{"t-alpha-2"});
  query.page.take = 0;
  query.page.skip = 0;
  EXPECT_TRUE(List(store().plugins(), query).empty());
  query.page.take = 5;
  query.page.skip = 4;
  EXPECT_TRUE(List(store().plugins(), query).empty());
  // Paging does not change the count.
  EXPECT_EQ(Count(store().plugins(), query.filter), 4);
}

TEST_P(StorageContract, PluginUpdateOverwritesFieldsButNotTopicOrOwner) {
  const auto owner = CreateUser("owner");
  const auto thief = CreateUser("thief");
  const auto created = store().plugins().Create(FullPlugin(owner.id)).value();
  auto changed = created;
  changed.name = "renamed";
  changed.description = "new description";
  changed.filter = "command/*/*/*/*";
  changed.status = PluginStatus::kInactive;
  changed.subscription_id = 777;
  changed.parameters = R"({"threshold":20})";
  changed.topic_name = "plugin_topic_moved";
  changed.user_id = thief.id;
  EXPECT_TRUE(store().plugins().Update(changed).value());

  auto expected = changed;
  expected.topic_name = created.topic_name;
  expected.user_id = owner.id;
  const auto read = store().plugins().FindByTopic(created.topic_name).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, created.id);
  ExpectSameFields(*read, expected);
  EXPECT_EQ(store().plugins().FindByTopic("plugin_topic_moved").value(), std::nullopt);

  // Back to nulls: an update writes them too.
  changed.description = std::nullopt;
  changed.subscription_id = std::nullopt;
  changed.parameters = std::nullopt;
  EXPECT_TRUE(store().plugins().Update(changed).value());
  const auto cleared = store().plugins().FindByTopic(created.topic_name).value();
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->description, std::nullopt);
  EXPECT_EQ(cleared->subscription_id, std::nullopt);
  EXPECT_EQ(cleared->parameters, std::nullopt);
}

TEST_P(StorageContract, PluginUpdateOfUnknownIdIsFalse) {
  const auto owner = CreateUser("owner");
  store().plugins().Create(NewPlugin("kept", "t-kept", owner.id)).value();
  auto ghost = FullPlugin(owner.id);
  ghost.id = 424242;
  EXPECT_FALSE(store().plugins().Update(ghost).value());
  EXPECT_EQ(store().plugins().FindByTopic(ghost.topic_name).value(), std::nullopt);
  EXPECT_EQ(store().plugins().FindByTopic("t-kept").value()->name, "kept");
  EXPECT_EQ(Count(store().plugins(), {}), 1);
}

TEST_P(StorageContract, PluginDeleteRemovesThePluginOnce) {
  const auto owner = CreateUser("owner");
  const auto doomed = store().plugins().Create(NewPlugin("doomed", "t-doomed", owner.id)).value();
  store().plugins().Create(NewPlugin("kept", "t-kept", owner.id)).value();
  EXPECT_TRUE(store().plugins().Delete(doomed.id).value());
  EXPECT_EQ(store().plugins().FindByTopic("t-doomed").value(), std::nullopt);
  EXPECT_FALSE(store().plugins().Delete(doomed.id).value());
  EXPECT_FALSE(store().plugins().Delete(424242).value());
  EXPECT_EQ(Topics(List(store().plugins(), {})), std::vector<std::string>{"t-kept"});
}

TEST_P(StorageContract, DeletingAUserDeletesItsPlugins) {
  const auto alice = CreateUser("alice");
  const auto bob = CreateUser("bob");
  CreateCast(store().plugins(), alice.id, bob.id);
  EXPECT_TRUE(store().users().Delete(alice.id).value());
  PluginFilter owned;
  owned.user_id = alice.id;
  EXPECT_EQ(Count(store().plugins(), owned), 0);
  EXPECT_EQ(store().plugins().FindByTopic("t-alpha").value(), std::nullopt);
  EXPECT_EQ(SortedTopics(List(store().plugins(), {})),
            (std::vector<std::string>{"t-alpha-2", "t-gamma"}));
}

TEST_P(StorageContract, PluginDeactivateAllFlipsOnlyActivePlugins) {
  const auto alice = CreateUser("alice");
  const auto bob = CreateUser("bob");
  CreateCast(store().plugins(), alice.id, bob.id);
  // A CREATED plugin holding a subscription id keeps it: only ACTIVE ones change.
  store().plugins().Create(NewPlugin("odd", "t-odd", bob.id, PluginStatus::kCreated, 13)).value();

  EXPECT_EQ(store().plugins().DeactivateAll().value(), 2);
  for (const auto* topic : {"t-alpha", "t-gamma"}) {
    const auto plugin = store().plugins().FindByTopic(topic).value();
    ASSERT_TRUE(plugin) << topic;
    EXPECT_EQ(plugin->status, PluginStatus::kInactive) << topic;
    EXPECT_EQ(plugin->subscription_id, std::nullopt) << topic;
  }
  EXPECT_EQ(store().plugins().FindByTopic("t-beta").value()->status, PluginStatus::kInactive);
  EXPECT_EQ(store().plugins().FindByTopic("t-alpha-2").value()->status, PluginStatus::kCreated);
  const auto odd = store().plugins().FindByTopic("t-odd").value();
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->status, PluginStatus::kCreated);
  EXPECT_EQ(odd->subscription_id, 13);

  PluginFilter active;
  active.status = PluginStatus::kActive;
  EXPECT_EQ(Count(store().plugins(), active), 0);
  EXPECT_EQ(store().plugins().DeactivateAll().value(), 0);
}

}  // namespace
}  // namespace dh::test
