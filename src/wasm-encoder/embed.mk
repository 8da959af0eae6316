## wit-c embed: component-type sections in core modules, dummy modules (filled in by its module)
wit_c_SOURCES += src/cli/cmd-embed.c
dist_man_MANS += man/wit-c-embed.1
