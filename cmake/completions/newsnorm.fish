# fish completion for newsnorm. Installed as share/fish/vendor_completions.d/newsnorm.fish.

set -l commands ingest validate fix schema stories config
complete -c newsnorm -f
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -a ingest -d 'Write one JSON record per article'
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -a validate -d 'Check article files without writing records'
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -a fix -d 'Write the changes the normalizer reports back into the headers'
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -a schema -d 'Print the JSON Schema of the records'
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -a stories -d 'Group records into stories and duplicates'
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -a config -d 'Print the project configuration and its origins'
complete -c newsnorm -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version and the libraries built in'
complete -c newsnorm -s h -l help -d 'Show help'

# Shared by ingest, validate and fix.
set -l reads "__fish_seen_subcommand_from ingest validate fix"
complete -c newsnorm -n $reads -F
complete -c newsnorm -n $reads -l files-from -r -F -d 'Also read the paths listed in FILE (- for stdin)'
complete -c newsnorm -n $reads -s 0 -l null -d 'The --files-from list is NUL-separated'
complete -c newsnorm -n $reads -l hidden -d 'Also read hidden files and folders'
complete -c newsnorm -n $reads -l type -x -a 'md html txt yaml toml json' -d 'Article types a walk reads'
complete -c newsnorm -n $reads -l include -x -d 'Read only files matching GLOB'
complete -c newsnorm -n $reads -l no-ignore -d 'Do not honour .gitignore, .ignore, .git/info/exclude'
complete -c newsnorm -n $reads -s j -l jobs -x -d 'Parse on N threads'

# What a newsnorm.toml can also say: ingest, validate, fix and config.
set -l project "__fish_seen_subcommand_from ingest validate fix config"
complete -c newsnorm -n $project -l config -r -F -d 'Use this newsnorm.toml for every input'
complete -c newsnorm -n $project -l no-config -d 'Use no newsnorm.toml'
complete -c newsnorm -n $project -l exclude -x -d 'Leave out paths matching GLOB (gitignore-style)'
complete -c newsnorm -n $project -l providers -r -F -d 'Provider names from a YAML file or folder'
complete -c newsnorm -n $project -l base-url -x -d 'Resolve site-relative permalinks against URL'
complete -c newsnorm -n $project -l assume-tz -x -d 'Read dates without a zone in ZONE'
complete -c newsnorm -n $project -l duplicate-keys -x -a 'error first last' -d 'A key given twice in a header'
complete -c newsnorm -n $project -l max-bytes -x -d 'Largest file read'
complete -c newsnorm -n $project -l max-header-bytes -x -d 'Largest header'
complete -c newsnorm -n $project -l max-line-length -x -d 'Longest header line'
complete -c newsnorm -n $project -l max-depth -x -d 'Deepest nesting'
complete -c newsnorm -n $project -l max-alias-nodes -x -d 'Most nodes YAML aliases may expand to'
complete -c newsnorm -n $project -l max-related -x -d 'Most related entries'
complete -c newsnorm -n $project -s q -l quiet -d 'Say only errors on standard error'
complete -c newsnorm -n $project -l log-level -x -a 'trace debug info warning error off' -d 'What is said on stderr'
complete -c newsnorm -n $project -l log-format -x -a 'text json' -d 'How it is said'

# ingest
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -s o -l output -r -F -d 'Write records to FILE atomically'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l errors -r -F -d 'Write rejected inputs to FILE'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l sqlite -r -F -d 'Keep the records in a SQLite database'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l state -r -F -d 'Remember what was written (SQLite)'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l emit-deletions -d 'Write deletion records'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l max-deletions -x -d 'Refuse to delete more than N or P%'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l allow-mass-deletion -d 'Take any number of files for deleted'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l wait -d 'Wait for another run holding the state or database'
complete -c newsnorm -n "__fish_seen_subcommand_from ingest" -l no-stories -d 'Write each record at once, without story fields'

# validate
complete -c newsnorm -n "__fish_seen_subcommand_from validate" -l format -x -a 'text github json sarif junit' -d 'Report format'
complete -c newsnorm -n "__fish_seen_subcommand_from validate config" -l require -x -d 'Fields each record must have'
complete -c newsnorm -n "__fish_seen_subcommand_from validate config" -l require-types -x -d 'Record types the fields apply to'
complete -c newsnorm -n "__fish_seen_subcommand_from validate" -l strict -d 'Count warnings as errors'

# fix
complete -c newsnorm -n "__fish_seen_subcommand_from fix" -l check -d 'Write nothing; exit 1 when some file would change'
complete -c newsnorm -n "__fish_seen_subcommand_from fix" -l diff -d 'Write nothing; print a unified diff for patch -p1'
# stories
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -F
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -s o -l output -r -F -d 'Write to FILE atomically'
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -l records -d 'Write the records with storyId and duplicateOf'
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -s j -l jobs -x -d 'Read records on N threads'
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -s q -l quiet -d 'Say only errors on standard error'
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -l log-level -x -a 'trace debug info warning error off' -d 'What is said on stderr'
complete -c newsnorm -n "__fish_seen_subcommand_from stories" -l log-format -x -a 'text json' -d 'How it is said'
# config
complete -c newsnorm -n "__fish_seen_subcommand_from config" -F
complete -c newsnorm -n "__fish_seen_subcommand_from config" -l format -x -a 'toml json' -d 'Output format'
