// A person's own data: the rules of deleting one's account (GDPR erasure). The person's row stays
// as a tombstone, "Deleted person", so that whoever worked with them keeps the relationship's
// record, with what the deleted person wrote there attributed to "Deleted person"; everything
// that was only theirs goes. Pure C++: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"

namespace mh {

// The name everyone sees in place of a person who deleted their account.
inline constexpr const char* kDeletedPersonName = "Deleted person";
// What a person without a password types to confirm the deletion of their account.
inline constexpr const char* kDeletionConfirmationWord = "DELETE";
// The reserved domain (RFC 2606) of the addresses tombstones keep, since every person has a
// unique address: the person's own address is free again, to be invited as someone new.
inline constexpr const char* kErasedEmailDomain = "erased.invalid";

// The address a tombstone keeps: unique, and no mail is ever sent to it.
std::string erased_email(PersonId id);
// The person deleted their account (their row is a tombstone).
bool is_erased(const Person& p);
// An address in the reserved domain, which nobody may be given.
bool is_erased_email(std::string_view email);

// The tombstone of `p` at `now`: the same id and creation time, the name "Deleted person", a
// reserved address, deactivated, no administrator rights, and every other profile field empty.
Person erased_profile(const Person& p, TimePoint now);

// How a person confirms that they delete their account: with their password when they have one,
// otherwise (single sign-on only) by typing kDeletionConfirmationWord.
enum class DeletionConfirmation { password, typed };
DeletionConfirmation confirmation_for(bool has_password);
// A typed confirmation must be exactly the word (after trimming): invalid naming `confirmation`.
Status check_typed_confirmation(std::string_view typed);

// The last administrator cannot delete themselves: someone must still run the program.
// `other_active_admins` counts the active administrators but `p`.
Status check_may_delete(const Person& p, long long other_active_admins);

}  // namespace mh
