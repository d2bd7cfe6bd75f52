from .core cimport CStringStore, hash_t


cdef class StringStore:
    cdef CStringStore* c
    # inside a memory zone: strings interned for processing are transient
    cdef public bint transient
    # a memory zone's strings have been released from this store (error messages say so)
    cdef public bint released

    cdef hash_t intern(self, str text) except? 0
    cdef str decode(self, hash_t key)


cdef bytes encode_text(str text)
cdef str decode_utf8(const char* data, size_t length)
