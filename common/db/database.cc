#include "common/db/database.h"

#include <regex>

#include "common/db/backends.h"

namespace carehub::db {

const char* BackendName(Backend b) { return b == Backend::kMysql ? "mysql" : "sqlite"; }

int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* s = std::get_if<std::string>(&v)) {
    // MySQL returns some integer expressions (COUNT, GET_LOCK) typed as text or decimal.
    try {
      size_t used = 0;
      int64_t n = std::stoll(*s, &used);
      if (used == s->size()) return n;
    } catch (const std::exception&) {
    }
  }
  throw DbError(DbError::Kind::kInternal, "column is not an integer");
}

const std::string& AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  throw DbError(DbError::Kind::kInternal, "column is not text");
}

bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

void RetryOnDuplicate(const std::function<void()>& write) {
  try {
    write();
  } catch (const DbError& e) {
    if (e.kind() == DbError::Kind::kDuplicate) throw DbError(DbError::Kind::kRetryable, e.what());
    throw;
  }
}

std::string RedactUrl(const std::string& url) {
  static const std::regex kPassword(R"(^(mysql://[^:/@]*:)[^@]*@)");
  return std::regex_replace(url, kPassword, "$1***@");
}

std::unique_ptr<Database> Open(const std::string& url, const PoolOptions& options) {
  if (url.rfind("sqlite://", 0) == 0) {
    std::string path = url.substr(9);
    if (path.empty()) throw DbError(DbError::Kind::kConfig, "sqlite URL has no path: " + url);
    return OpenSqlite(path, options);
  }
  if (url.rfind("mysql://", 0) == 0) return OpenMysql(ParseMysqlUrl(url), options);
  throw DbError(DbError::Kind::kConfig, "database URL must start with sqlite:// or mysql://, got: " + RedactUrl(url));
}

namespace {
std::string PercentDecode(const std::string& s, const std::string& url) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        throw DbError(DbError::Kind::kConfig, "bad percent-escape in database URL " + RedactUrl(url));
      }
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}
}  // namespace

MysqlUrl ParseMysqlUrl(const std::string& url) {
  // mysql://user[:pass]@host[:port]/db[?socket=/path]
  static const std::regex kUrl(
      R"(^mysql://([^:@/]+)(?::([^@]*))?@([^:/?]+)(?::(\d{1,5}))?/([A-Za-z0-9_$]+)(?:\?socket=([^&]+))?$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl)) {
    throw DbError(DbError::Kind::kConfig,
                  "malformed MySQL URL (want mysql://user:pass@host:port/db): " + RedactUrl(url));
  }
  MysqlUrl u;
  u.user = PercentDecode(m[1].str(), url);
  u.password = PercentDecode(m[2].str(), url);
  u.host = m[3].str();
  u.port = m[4].matched ? std::stoi(m[4].str()) : 3306;
  if (u.port < 1 || u.port > 65535) throw DbError(DbError::Kind::kConfig, "port out of range in " + RedactUrl(url));
  u.database = m[5].str();
  u.socket = m[6].matched ? PercentDecode(m[6].str(), url) : "";
  u.redacted = RedactUrl(url);
  return u;
}

}  // namespace carehub::db
