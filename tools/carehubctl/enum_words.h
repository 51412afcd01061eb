#pragma once
// Enum values as operators type them, read off the proto descriptors rather than typed out
// again: CHILD_CATEGORY_LEFT_BEHIND is "left-behind", EXIT_REASON_TURNED_16 "turned-16". A unique
// ending of a word is accepted too ("absent" for deceased-or-absent), and so is the value's own
// name; *_UNSPECIFIED is no word.
#include <google/protobuf/descriptor.h>

#include <optional>
#include <string>
#include <vector>

namespace carehub::ctl {

std::vector<std::string> EnumWords(const google::protobuf::EnumDescriptor* e);
// The word of one value ("left-behind" for CHILD_CATEGORY_LEFT_BEHIND).
std::string EnumWord(const google::protobuf::EnumValueDescriptor* v);
// The value's number, or nullopt for a word that names none (or more than one).
std::optional<int> EnumValue(const google::protobuf::EnumDescriptor* e, const std::string& word);

}  // namespace carehub::ctl
