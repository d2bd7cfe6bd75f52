// KeyMap / KeySet: open-addressing hash tables keyed by 64-bit ids (string hashes, pair
// keys, symbol ids). A lookup is a multiply, a shift and a short linear probe over one flat
// array: no node to chase and no division, which std::unordered_map pays on every find.
// Key 0 is stored apart (it marks empty slots). Erase shifts the probe run back, so no
// tombstones build up.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace lexloom {

template <typename V>
class KeyMap {
public:
    KeyMap() { rehash(16); }

    // The value stored for `key`, or nullptr.
    const V* find(uint64_t key) const {
        if (key == 0) return has_zero_ ? &zero_value_ : nullptr;
        size_t i = slot_of(key);
        while (true) {
            const Slot& s = slots_[i];
            if (s.key == key) return &s.value;
            if (s.key == 0) return nullptr;
            i = (i + 1) & mask_;
        }
    }
    V* find(uint64_t key) {
        return const_cast<V*>(static_cast<const KeyMap*>(this)->find(key));
    }
    bool contains(uint64_t key) const { return find(key) != nullptr; }

    // Insert (key, value) unless the key is present; true when inserted.
    bool insert(uint64_t key, const V& value) {
        if (key == 0) {
            if (has_zero_) return false;
            has_zero_ = true;
            zero_value_ = value;
            ++size_;
            return true;
        }
        if ((used_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
        size_t i = slot_of(key);
        while (slots_[i].key != 0) {
            if (slots_[i].key == key) return false;
            i = (i + 1) & mask_;
        }
        slots_[i].key = key;
        slots_[i].value = value;
        ++used_;
        ++size_;
        return true;
    }

    // Remove `key`; true when it was there.
    bool erase(uint64_t key) {
        if (key == 0) {
            if (!has_zero_) return false;
            has_zero_ = false;
            zero_value_ = V();
            --size_;
            return true;
        }
        size_t i = slot_of(key);
        while (slots_[i].key != key) {
            if (slots_[i].key == 0) return false;
            i = (i + 1) & mask_;
        }
        // Backward-shift deletion: pull later members of the run into the hole when their
        // home slot is not between the hole and them.
        size_t hole = i;
        size_t j = i;
        while (true) {
            j = (j + 1) & mask_;
            if (slots_[j].key == 0) break;
            size_t home = slot_of(slots_[j].key);
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots_[hole] = slots_[j];
                hole = j;
            }
        }
        slots_[hole].key = 0;
        slots_[hole].value = V();
        --used_;
        --size_;
        return true;
    }

    void clear() {
        has_zero_ = false;
        zero_value_ = V();
        size_ = used_ = 0;
        slots_.clear();  // rehash moves what slots_ holds
        rehash(16);
    }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

private:
    struct Slot {
        uint64_t key = 0;
        V value{};
    };

    size_t slot_of(uint64_t key) const {
        // Fibonacci hashing: the high bits of key * 2^64/phi, so small ids spread too.
        return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    }

    void rehash(size_t n_slots) {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(n_slots, Slot());
        mask_ = n_slots - 1;
        shift_ = 64;
        for (size_t n = n_slots; n > 1; n >>= 1) --shift_;
        used_ = 0;
        for (const Slot& s : old) {
            if (s.key == 0) continue;
            size_t i = slot_of(s.key);
            while (slots_[i].key != 0) i = (i + 1) & mask_;
            slots_[i] = s;
            ++used_;
        }
    }

    std::vector<Slot> slots_;
    size_t mask_ = 0;
    int shift_ = 64;
    size_t used_ = 0;  // occupied slots (key 0 not counted)
    size_t size_ = 0;  // entries, key 0 included
    bool has_zero_ = false;
    V zero_value_{};
};

// A set of 64-bit keys.
class KeySet {
public:
    bool contains(uint64_t key) const { return map_.contains(key); }
    size_t count(uint64_t key) const { return map_.contains(key) ? 1 : 0; }
    bool insert(uint64_t key) { return map_.insert(key, 1); }
    bool erase(uint64_t key) { return map_.erase(key); }
    void clear() { map_.clear(); }
    size_t size() const { return map_.size(); }
    bool empty() const { return map_.empty(); }

private:
    KeyMap<uint8_t> map_;
};

}  // namespace lexloom
