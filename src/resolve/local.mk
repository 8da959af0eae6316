## src/resolve: the WIT resolver (package graph), its JSON dump, and their tests.
witcinclude_HEADERS += include/witc/wit.h include/witc/str.h
libwitc_la_SOURCES += src/resolve/internal.h src/resolve/maps.c src/resolve/toposort.c \
	src/resolve/graph.c src/resolve/unresolved.c src/resolve/append.c
