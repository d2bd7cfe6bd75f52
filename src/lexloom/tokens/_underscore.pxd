cdef class UnderscoreView:
    cdef public object _extensions
    cdef public object _obj
    cdef public object _doc
    cdef public object _start
    cdef public object _end

    cdef object _read(self, name, object ext)
    cdef object _write(self, name, value)
    cdef tuple _key(self, name)
    cdef object _not_registered(self, name)


cdef UnderscoreView new_underscore(type cls, object extensions, object obj, object doc,
                                   object start, object end)
