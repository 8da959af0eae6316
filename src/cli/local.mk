## src/cli: wit-c main and one file per subcommand.
wit_c_SOURCES += src/cli/main.c src/cli/cli.h src/cli/commands.def \
	src/cli/cmd-wit.c src/cli/cmd-validate.c
