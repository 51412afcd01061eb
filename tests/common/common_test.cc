#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "common/crypto.h"
#include "common/db/database.h"
#include "common/db/migrations.h"
#include "common/errors.h"
#include "common/ids.h"
#include "common/paging.h"
#include "common/principal.h"
#include "common/reach.h"
#include "common/server.h"
#include "common/text.h"
#include "common/trace.h"
#include "tests/support/temp_dir.h"

namespace carehub {
namespace {

// A container given 1.5 CPUs on a bigger node runs 2 gateway threads, not one per host core.
TEST(UsableCores, ACgroupQuotaLowersTheCoresSeen) {
  const std::string root = testing::MakeTempDir("cgroup");
  auto write = [&](const std::string& rel, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(root + "/" + rel).parent_path());
    std::ofstream(root + "/" + rel) << text << "\n";
  };
  const int unlimited = UsableCores(root + "/none");
  EXPECT_GE(unlimited, 1);
  write("cpu.max", "max 100000");
  EXPECT_EQ(UsableCores(root), unlimited);
  write("cpu.max", "50000 100000");
  EXPECT_EQ(UsableCores(root), 1);
  write("cpu.max", "150000 100000");
  EXPECT_EQ(UsableCores(root), std::min(unlimited, 2));
  std::filesystem::remove(root + "/cpu.max");
  write("cpu/cpu.cfs_quota_us", "-1");
  write("cpu/cpu.cfs_period_us", "100000");
  EXPECT_EQ(UsableCores(root), unlimited) << "cgroup v1 without a quota";
  write("cpu/cpu.cfs_quota_us", "100000");
  EXPECT_EQ(UsableCores(root), 1) << "cgroup v1 with one CPU";
  std::filesystem::remove_all(root);
}

TEST(Ids, PrefixedTimeOrderedAndUnique) {
  std::set<std::string> seen;
  std::string last;
  for (int i = 0; i < 10000; ++i) {
    auto id = NewId("ch");
    EXPECT_TRUE(IsValidId(id, "ch")) << id;
    EXPECT_GT(id, last);
    last = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 10000u);
  EXPECT_FALSE(IsValidId(last, "wm"));
  EXPECT_FALSE(IsValidId("ch_short", "ch"));
  EXPECT_FALSE(IsValidId("ch_01M82JZ8KJ2A6H76TFAJT1EACU", "ch"));  // U is not Crockford
}

TEST(Crypto, PiiCipherRoundTripAndTamper) {
  crypto::PiiCipher c(crypto::RandomBytes(32));
  auto sealed = c.Encrypt("11010519491231002X");
  EXPECT_EQ(c.Decrypt(sealed).value(), "11010519491231002X");
  EXPECT_NE(c.Encrypt("11010519491231002X"), sealed);  // fresh nonce each time
  EXPECT_EQ(c.BlindIndex("x"), c.BlindIndex("x"));
  std::string tampered = sealed;
  tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(c.Decrypt(tampered));
  crypto::PiiCipher other(crypto::RandomBytes(32));
  EXPECT_FALSE(other.Decrypt(sealed));
  EXPECT_NE(other.BlindIndex("x"), c.BlindIndex("x"));
}

TEST(Crypto, Encodings) {
  for (std::string s : {"", "a", "ab", "abc", "\xff\x00\x10"}) {
    EXPECT_EQ(crypto::Base64UrlDecode(crypto::Base64UrlEncode(s)).value(), s);
    EXPECT_EQ(crypto::HexDecode(crypto::HexEncode(s)).value(), s);
  }
  EXPECT_FALSE(crypto::Base64UrlDecode("ab+c"));
  EXPECT_FALSE(crypto::HexDecode("zz"));
  EXPECT_THROW(crypto::ParseHexKey("abcd", "k"), std::runtime_error);
}

TEST(Principal, SignedRoundTrip) {
  std::string key = crypto::RandomBytes(32);
  Principal p{"officer-1", {"officer", "pii"}, "500116", "rq_1"};
  auto now = std::chrono::system_clock::now();
  auto s = SignPrincipal(p, key, now);
  auto back = VerifyPrincipal(s.payload, s.signature, key, now);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->subject, "officer-1");
  EXPECT_EQ(back->roles, p.roles);
  EXPECT_EQ(back->division_prefix, "500116");
}

TEST(Principal, ForgedWrongKeyOrStaleIsRejected) {
  std::string key = crypto::RandomBytes(32);
  auto now = std::chrono::system_clock::now();
  auto s = SignPrincipal({"officer-1", {"officer"}, "500116", "rq"}, key, now);
  EXPECT_FALSE(VerifyPrincipal(s.payload, s.signature, crypto::RandomBytes(32), now));
  // Widening one's own reach invalidates the signature.
  auto wider = SignPrincipal({"officer-1", {"admin"}, "", "rq"}, crypto::RandomBytes(32), now);
  EXPECT_FALSE(VerifyPrincipal(wider.payload, s.signature, key, now));
  EXPECT_FALSE(VerifyPrincipal(s.payload, "", key, now));
  EXPECT_FALSE(VerifyPrincipal(s.payload, s.signature, key, now + std::chrono::minutes(6)));
}

TEST(Reach, PrefixRules) {
  EXPECT_TRUE(InReach("500116", "500116001001"));
  EXPECT_TRUE(InReach("", "500116001001"));
  EXPECT_FALSE(InReach("500117", "500116001001"));
  EXPECT_EQ(NarrowReach("500116", "500116001").value(), "500116001");
  EXPECT_EQ(NarrowReach("500116", "50").value(), "500116");
  EXPECT_FALSE(NarrowReach("500116", "500117"));
}

TEST(Text, Utf8AndNames) {
  EXPECT_TRUE(text::IsValidUtf8("张小明"));
  EXPECT_FALSE(text::IsValidUtf8("\xe5\xbc"));      // truncated
  EXPECT_FALSE(text::IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(text::IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_EQ(text::CodePoints("张小明"), 3u);
  EXPECT_FALSE(text::CheckName("张小明", 64));
  EXPECT_TRUE(text::CheckName("   ", 64));
  EXPECT_TRUE(text::CheckName("a\tb", 64));
}

TEST(Trace, AValidTraceparentIsContinuedInASpanOfOurOwn) {
  const std::string sent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  TraceContext t = TraceContext::ContinueOrStart(sent);
  EXPECT_EQ(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t.parent_span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(t.sampled);
  ASSERT_EQ(t.span_id.size(), 16u);
  EXPECT_NE(t.span_id, t.parent_span_id);
  // What goes on to the next service names our span as its parent.
  EXPECT_EQ(t.Traceparent(), "00-4bf92f3577b34da6a3ce929d0e0e4736-" + t.span_id + "-01");
  TraceContext next = TraceContext::ContinueOrStart(t.Traceparent());
  EXPECT_EQ(next.trace_id, t.trace_id);
  EXPECT_EQ(next.parent_span_id, t.span_id);
  // Unsampled stays unsampled; a later version's extra fields are ignored.
  EXPECT_FALSE(TraceContext::ContinueOrStart("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").sampled);
  EXPECT_EQ(ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later").value().trace_id,
            "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(Trace, AMalformedTraceparentStartsANewTrace) {
  for (const char* bad : {"", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",
                          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
                          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero parent
                          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",  // 00 is exact
                          "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"}) {
    EXPECT_FALSE(ParseTraceparent(bad).has_value()) << bad;
    TraceContext t = TraceContext::ContinueOrStart(bad);
    EXPECT_EQ(t.trace_id.size(), 32u) << bad;
    EXPECT_NE(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_TRUE(t.parent_span_id.empty());
    EXPECT_TRUE(ParseTraceparent(t.Traceparent()).has_value()) << t.Traceparent();
  }
  EXPECT_NE(TraceContext::ContinueOrStart("").trace_id, TraceContext::ContinueOrStart("").trace_id);
}

TEST(Paging, SizesAndTokens) {
  EXPECT_EQ(ResolvePageSize(0), 50);
  EXPECT_EQ(ResolvePageSize(501), 500);
  EXPECT_EQ(ResolvePageSize(7), 7);
  EXPECT_THROW(ResolvePageSize(-1), DomainError);
  auto t = EncodePageToken("f1", "k1");
  EXPECT_EQ(DecodePageToken(t, "f1"), "k1");
  EXPECT_EQ(DecodePageToken("", "f1"), "");
  try {
    DecodePageToken(t, "f2");
    FAIL() << "token reused with other filters";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.field(), "page_token");
  }
  EXPECT_THROW(DecodePageToken("garbage!", "f1"), DomainError);
}

TEST(Paging, ForgedOrAlteredTokensAreRefused) {
  auto t = EncodePageToken("children|500116|officer-1", "500116001001/ch_01");
  auto refused = [](const std::string& token) {
    try {
      DecodePageToken(token, "children|500116|officer-1");
    } catch (const DomainError& e) {
      return e.field() == "page_token";
    }
    return false;
  };
  EXPECT_FALSE(refused(t));
  EXPECT_TRUE(refused(t + "A")) << "bytes appended";
  // Decoded, its cursor moved to another district, encoded again: no longer the server's word.
  auto payload = *crypto::Base64UrlDecode(t.substr(0, t.find('.')));
  auto moved = payload.replace(payload.find("500116001001"), 12, "500113001001");
  EXPECT_TRUE(refused(crypto::Base64UrlEncode(moved) + t.substr(t.find('.'))));
  EXPECT_TRUE(refused(crypto::Base64UrlEncode(payload))) << "an unsigned token";
  // A token of another service's key (another deployment) is not accepted either.
  SetPageTokenKey("another deployment's internal key");
  EXPECT_TRUE(refused(t));
  EXPECT_FALSE(refused(EncodePageToken("children|500116|officer-1", "500116001001/ch_01")));
}

TEST(DbUrl, MalformedUrlsAreConfigErrorsWithoutPasswords) {
  for (std::string url : {"postgres://x", "mysql://user:secret@host/", "mysql://user:secret@:3306/db",
                          "mysql://user:secret@host:99999/db", "sqlite://"}) {
    try {
      db::Open(url);
      FAIL() << url;
    } catch (const db::DbError& e) {
      EXPECT_EQ(e.kind(), db::DbError::Kind::kConfig) << url;
      EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(db::RedactUrl("mysql://u:p%40ss@h:1/d"), "mysql://u:***@h:1/d");
}

TEST(DbUrl, UnreachableServerIsUnavailable) {
  try {
    db::Open("mysql://u:secret@127.0.0.1:1/db");  // nothing listens on port 1
    FAIL();
  } catch (const db::DbError& e) {
    EXPECT_EQ(e.kind(), db::DbError::Kind::kUnavailable);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
  EXPECT_THROW(db::Open("sqlite:///nonexistent-dir/x/y.db"), db::DbError);
}

TEST(Migrations, SplitStatements) {
  auto s = db::SplitStatements("-- comment\nCREATE TABLE a (\n x INT\n);\n\nCREATE INDEX i ON a (x);\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "CREATE INDEX i ON a (x)");
}

}  // namespace
}  // namespace carehub
