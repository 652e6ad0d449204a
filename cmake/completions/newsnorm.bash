# bash completion for newsnorm                                    -*- shell-script -*-
# Installed as share/bash-completion/completions/newsnorm.

_newsnorm() {
  local cur prev words cword
  _init_completion || return

  # What a newsnorm.toml can also say, for every command that reads articles and for config.
  local project="--config --no-config --exclude --providers --base-url --assume-tz --duplicate-keys
    --max-bytes --max-header-bytes --max-line-length --max-depth --max-alias-nodes --max-related
    -q --quiet --log-level --log-format -h --help"
  local common="--files-from -0 --null --hidden --type --include --no-ignore -j --jobs $project"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      ingest | validate | fix | schema | stories | config) command=${words[i]}; break ;;
    esac
  done

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "ingest validate fix schema stories config --help --version" -- "$cur"))
    return
  fi

  case $prev in
    --files-from | --providers | -o | --output | --errors | --state | --sqlite)
      _filedir
      return ;;
    --config)
      _filedir toml
      return ;;
    --format)
      if [[ $command == config ]]; then
        COMPREPLY=($(compgen -W "toml json" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text github json sarif junit" -- "$cur"))
      fi
      return ;;
    --log-level)
      COMPREPLY=($(compgen -W "trace debug info warning error off" -- "$cur"))
      return ;;
    --log-format)
      COMPREPLY=($(compgen -W "text json" -- "$cur"))
      return ;;
    --duplicate-keys)
      COMPREPLY=($(compgen -W "error first last" -- "$cur"))
      return ;;
    --require)
      COMPREPLY=($(compgen -W "title url publishedDateTime excerpt category provider topics images" -- "$cur"))
      return ;;
    -j | --jobs | --base-url | --assume-tz | --exclude | --require-types | --max-*)
      return ;;
  esac

  local options
  case $command in
    ingest) options="$common -o --output --errors --sqlite --state --emit-deletions --max-deletions --allow-mass-deletion --wait --no-stories" ;;
    validate) options="$common --format --require --require-types --strict" ;;
    fix) options="$common --check --diff" ;;
    stories) options="-o --output --records -j --jobs -q --quiet --log-level --log-format -h --help" ;;
    schema) options="-h --help" ;;
    config) options="$project --format --require --require-types" ;;
  esac
  if [[ $cur == -* || $command == schema ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    _filedir
  fi
}
complete -F _newsnorm newsnorm
