// Templates: {{name}} escaped in HTML and not in text, {{{name}}} raw, unknown names left out, and
// the project's own templates folder loads with every file the mails need.
#include "notify/templates.hpp"

#include <gtest/gtest.h>

namespace mh::notify {
namespace {

TEST(Templates, ValuesAreEscapedInHtmlOnly) {
  const TemplateValues v{{"name", "Tom & <Jerry>"}};
  EXPECT_EQ(substitute("Hi {{name}}!", v, true), "Hi Tom &amp; &lt;Jerry&gt;!");
  EXPECT_EQ(substitute("Hi {{name}}!", v, false), "Hi Tom & <Jerry>!");
}

TEST(Templates, TripleBracesInsertRenderedPiecesAsTheyAre) {
  EXPECT_EQ(substitute("<ul>{{{items}}}</ul>", {{"items", "<li>a</li>"}}, true), "<ul><li>a</li></ul>");
}

TEST(Templates, UnknownNamesAreLeftOutAndSpacesAllowed) {
  EXPECT_EQ(substitute("[{{ missing }}][{{ name }}]", {{"name", "x"}}, false), "[][x]");
}

TEST(Templates, AnUnclosedMarkIsKeptAsText) { EXPECT_EQ(substitute("a {{b", {}, false), "a {{b"); }

TEST(Templates, TheShippedTemplatesLoadAndRenderEveryKind) {
  auto t = MailTemplates::load(std::string(MH_SOURCE_DIR) + "/templates/mail");
  ASSERT_TRUE(t) << t.error().message;
  const TemplateValues v{{"recipient_name", "Ada <3"}, {"message", "Bob & Co asked."}, {"organisation", "Northwind"},
                         {"unsubscribe_url", "https://x/u"}, {"count", "2"}};
  for (const char* kind : {"requests", "answers", "meetings", "proposals", "digest"}) {
    const auto r = t->render(kind, v);
    EXPECT_FALSE(r.subject.empty()) << kind;
    EXPECT_EQ(r.subject.find('\n'), std::string::npos) << kind;
    EXPECT_NE(r.text.find("Ada <3"), std::string::npos) << kind;
    EXPECT_NE(r.html.find("Ada &lt;3"), std::string::npos) << kind;
    EXPECT_NE(r.html.find("https://x/u"), std::string::npos) << kind;
  }
}

TEST(Templates, AMissingFileIsNamed) {
  auto t = MailTemplates::load("/nonexistent-folder");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("layout.txt"), std::string::npos);
}

}  // namespace
}  // namespace mh::notify
