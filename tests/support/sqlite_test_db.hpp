// A fresh SQLite file for the running test, named after it, so parameterised store tests on
// SQLite and PostgreSQL open their database the same way.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace mh::test {

// TempDir()/PREFIX_PID_TESTNAME.db, removed first; '/' in parameterised names becomes '_'.
inline std::string fresh_sqlite_path_for_test(const std::string& prefix) {
  std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (char& c : name)
    if (c == '/') c = '_';
  std::string path = ::testing::TempDir() + prefix + "_" + std::to_string(::getpid()) + "_" + name + ".db";
  std::remove(path.c_str());
  return path;
}

}  // namespace mh::test
