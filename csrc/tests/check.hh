// The one assertion macro and result line shared by the C++ unit test binaries.
#pragma once
#include <cstdio>

namespace lexloom_test {
inline int failures = 0;

// Exit status for main(): prints "all C++ <what> tests passed" (which the pytest drivers look
// for) or the number of failed checks.
inline int report(const char* what) {
    if (failures) {
        std::fprintf(stderr, "%d C++ %s check(s) failed\n", failures, what);
        return 1;
    }
    std::printf("all C++ %s tests passed\n", what);
    return 0;
}
}  // namespace lexloom_test

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++lexloom_test::failures;                                                \
        }                                                                            \
    } while (0)
