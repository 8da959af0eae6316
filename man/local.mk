## Man pages (mdoc): wit-c.1 plus one page per subcommand.
dist_man_MANS += man/wit-c.1 man/wit-c-wit.1 man/wit-c-validate.1
