#!/usr/bin/env bash
# Builds the function app's publish output (ReadyToRun, for shorter cold starts) and publishes it with Core Tools.
#
#   eng/publish.sh <function-app-name>... --resource-group <rg> [--client-ip <address>] [--dry-run]
#   eng/publish.sh --output-only <dir>     build only (what the tests run)
#
# Several names (the deployment's functionAppNames output: one app per region) get the same build, one app after the
# other; the first that fails stops the run. --dry-run prints the commands instead of running them. Needs the .NET
# SDK; publishing also needs Azure Functions Core Tools (func) and the Azure CLI (az), signed in, with rights to change
# the apps' access restrictions.
set -euo pipefail

usage() {
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

fail_usage() {
  echo "publish.sh: $1" >&2
  usage
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project_dir="$repo_root/src/DelegationFunctions"
app_names=()
resource_group=""
client_ip=""
output=""
output_only=false
dry_run=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --output-only)
      [[ $# -ge 2 ]] || fail_usage "--output-only needs a folder."
      output_only=true
      output="$2"
      shift 2
      ;;
    -g | --resource-group)
      [[ $# -ge 2 ]] || fail_usage "$1 needs the resource group name."
      resource_group="$2"
      shift 2
      ;;
    --client-ip)
      [[ $# -ge 2 ]] || fail_usage "--client-ip needs an address."
      client_ip="$2"
      shift 2
      ;;
    --dry-run)
      dry_run=true
      shift
      ;;
    -h | --help)
      usage
      ;;
    -*)
      fail_usage "unknown option '$1'."
      ;;
    *)
      for known in ${app_names[@]+"${app_names[@]}"}; do
        [[ "$known" != "$1" ]] || fail_usage "function app '$1' is named twice."
      done
      app_names+=("$1")
      shift
      ;;
  esac
done

is_address() {
  [[ "$1" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ || "$1" =~ ^[0-9a-fA-F:]*:[0-9a-fA-F:]*$ ]]
}

if [[ "$output_only" == false ]]; then
  [[ ${#app_names[@]} -gt 0 ]] || fail_usage "give the function app names (the functionAppNames output of infra/main.bicep)."
  # Names and group go into a Resource Manager URL below.
  for app_name in "${app_names[@]}"; do
    if [[ ! "$app_name" =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$ ]]; then
      fail_usage "function app name '$app_name' is not a site name (letters, digits and hyphens, not at either end)."
    fi
  done
  [[ -n "$resource_group" ]] || fail_usage "give the resource group of the function app (--resource-group)."
  not_in_rg_name='[/?#%&\[:space:]]'
  if [[ "$resource_group" =~ $not_in_rg_name ]]; then
    fail_usage "resource group '$resource_group' is not a resource group name (no '/', '?', '#', '%', '&', '\\' or spaces)."
  fi
  if [[ -n "$client_ip" ]] && ! is_address "$client_ip"; then
    fail_usage "--client-ip '$client_ip' is not an IPv4 or IPv6 address."
  fi
fi

require() {
  if [[ "$dry_run" == false ]] && ! command -v "$1" > /dev/null 2>&1; then
    echo "publish.sh: $2" >&2
    exit 3
  fi
}

if [[ "$output_only" == false ]]; then
  require func "'func' (Azure Functions Core Tools 4.x) is not on PATH. Install it: https://learn.microsoft.com/azure/azure-functions/functions-run-local"
  require az "'az' (Azure CLI) is not on PATH; func publishes with its sign-in. Install it and run 'az login': https://learn.microsoft.com/cli/azure/install-azure-cli"
  [[ -n "$client_ip" ]] || require curl "'curl' is not on PATH to find your public address; give it with --client-ip."
fi
require dotnet "'dotnet' (the .NET 10 SDK) is not on PATH."

# One word as the shell reads it back: bare when it can be, else in single quotes (the JMESPath queries below use no
# single quote for that reason).
quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then
    printf '%s' "$1"
  elif [[ "$1" != *"'"* ]]; then
    printf "'%s'" "$1"
  else
    printf '%q' "$1"
  fi
}

# Prints a command in a form the shell reads back, or runs it.
run() {
  if [[ "$dry_run" == true ]]; then
    printf '+'
    for word in "$@"; do
      printf ' %s' "$(quote "$word")"
    done
    printf '\n'
  else
    "$@"
  fi
}

if [[ "$output_only" == false ]]; then
  # Core Tools zips the first folder upward that holds host.json, and takes the .NET version it sets on the Flex app
  # from the first .csproj above it (ProjectHelpers.FindProjectFile, then `dotnet build -getproperty:TargetFramework`,
  # in Azure/azure-functions-core-tools PublishFunctionAppAction): publishing from bin/publish under the project finds
  # net10.0, where a folder elsewhere would leave the version to the tool's default.
  output="$project_dir/bin/publish"
  run rm -rf "$output"
fi

if [[ "$dry_run" == false ]]; then
  mkdir -p "$output"
  output="$(cd "$output" && pwd)"
fi

run dotnet publish "$project_dir/DelegationFunctions.csproj" \
  -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$output"

if [[ "$dry_run" == false ]]; then
  for required in host.json worker.config.json functions.metadata; do
    if [[ ! -f "$output/$required" ]]; then
      echo "publish.sh: the publish output $output lacks $required; func would deploy an app that does not start." >&2
      exit 1
    fi
  done
fi

if [[ "$output_only" == true ]]; then
  echo "Publish output in $output"
  exit 0
fi

# After a Flex deployment, Core Tools waits 60 s and then asks https://<default host>/admin/host/status (15 tries,
# 3 s apart; AzureHelper.CheckFunctionHostStatusForFlex), from this machine. An app behind Front Door admits only Front
# Door, so that answers 403 and the tool calls a working deployment unhealthy. A rule for this machine's address lets the
# probe through for the length of that app's publish; it is removed before the next app, and the EXIT trap removes
# it whatever happens.
#
# The rule is written with a PATCH of config/web that carries ipSecurityRestrictions and nothing else. `az functionapp
# config access-restriction add/remove` cannot be used: they read the whole site config and write all of it back
# (get_site_configs, then update_configuration, in Azure/azure-cli
# src/azure-cli/azure/cli/command_modules/appservice/access_restrictions.py), and Flex Consumption refuses that write
# because it names FtpsState, Use32BitWorkerProcess, NetFrameworkVersion and FunctionsRuntimeScaleMonitoringEnabled,
# even when they are null (ARM error 51021; Azure/azure-cli#31414). `az functionapp config set` does the same.
#
# Every JSON body is composed by az itself, with a JMESPath --query on the GET of config/web, so the script needs no jq
# (absent from many admin machines) and no Python (az bundles its own, which is not on PATH on Windows, Homebrew or
# the Linux packages). The existing rules are copied as ARM returned them, headers (x-azure-fdid) and service tags
# included; IpSecurityRestriction has no read-only fields to strip. Only the "Allow all"/"Deny all" entry at priority
# 2147483647 is left out: ARM shows it in place of ipSecurityRestrictionsDefaultAction, which these writes leave alone.
api_version="2024-04-01"
rule_name="eng-publish-temporary"
rules="properties.ipSecurityRestrictions"
# The app's own rules: all but ours and the default-action entry. (No `!(`: an interactive bash may take it for a
# history expansion in the command printed when the removal fails.)
kept="$rules[?name!=\`\"$rule_name\"\` && (ipAddress!=\`\"Any\"\` || priority!=\`2147483647\`)]"
# As infra/ deploys it: a Front Door rule (service tag AzureFrontDoor.Backend) and default action Deny. Without Front
# Door (useFrontDoor=false) the default action is Allow and there are no rules.
restricted_query="$rules""DefaultAction==\`\"Deny\"\` || length($rules[?ipAddress==\`\"AzureFrontDoor.Backend\"\`] || \`[]\`) > \`0\`"
# The rules without ours; `[...][]` flattens, so a missing list gives [].
strip_query="{properties: {ipSecurityRestrictions: [$kept][]}}"
# false when our rule is not there (nothing to remove), else the body that removes it.
remove_query="(length($rules[?name==\`\"$rule_name\"\`] || \`[]\`) > \`0\`) && $strip_query"

# az rest prefixes a URL without a host with the current cloud's Resource Manager endpoint and replaces
# {subscriptionId} with the current subscription (`az rest --help`; send_raw_request in azure-cli-core's util.py).
config_uri() {
  printf '%s' "/subscriptions/{subscriptionId}/resourceGroups/$resource_group/providers/Microsoft.Web/sites/$1/config/web?api-version=$api_version"
}

# Prints the command in dry-run mode; otherwise prints what az answers. Arguments: app, query.
read_rules() {
  run az rest --method get --uri "$(config_uri "$1")" --query "$2" --output json
}

# Arguments: app, body.
write_rules() {
  run az rest --method patch --uri "$(config_uri "$1")" --body "$2" --output none
}

# The apps whose temporary rule may be on them now: each is added before its rule is written and dropped once the rule
# is removed, so the EXIT trap removes what is left, whichever app the run stopped at.
open_apps=()
func_pid=""
client_cidr=""
dry_run_body="<the-JSON-the-command-above-printed>"

# The one command that removes the rule from app $1 by hand: the same PATCH, its body read at that moment.
manual_remove_command() {
  local uri
  uri="$(config_uri "$1")"
  printf 'az rest --method patch --uri %s --body "$(az rest --method get --uri %s --query %s --output json)" --output none' \
    "$(quote "$uri")" "$(quote "$uri")" "$(quote "$strip_query")"
}

forget() {
  local app kept_apps=()
  for app in ${open_apps[@]+"${open_apps[@]}"}; do
    [[ "$app" == "$1" ]] || kept_apps+=("$app")
  done
  open_apps=(${kept_apps[@]+"${kept_apps[@]}"})
}

# Removes our rule from app $1 (nothing when it is not there); when it cannot, prints the command that does and fails.
remove_rule_from() {
  local app="$1" body=""
  forget "$app"
  if [[ "$dry_run" == true ]]; then
    read_rules "$app" "$remove_query"
    write_rules "$app" "$dry_run_body"
  elif body="$(read_rules "$app" "$remove_query")" && { [[ "$body" == false ]] || write_rules "$app" "$body"; }; then
    [[ "$body" == false ]] || echo "publish.sh: removed the temporary access rule '$rule_name' from $app."
  else
    echo "publish.sh: the temporary access rule '$rule_name' may still be on $app; remove it with:" >&2
    echo "  $(manual_remove_command "$app")" >&2
    return 1
  fi
}

remove_rules() {
  local status=$? app
  for app in ${open_apps[@]+"${open_apps[@]}"}; do
    remove_rule_from "$app" || [[ $status -ne 0 ]] || status=1
  done
  exit "$status"
}

# Stops func before the EXIT trap takes the rules away.
on_signal() {
  if [[ -n "$func_pid" ]]; then
    kill "$func_pid" 2> /dev/null || true
    wait "$func_pid" 2> /dev/null || true
  fi
  exit "$1"
}

trap remove_rules EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

cant_read() {
  echo "publish.sh: could not read the access rules of $1 in $resource_group (az's message is above); is it in the current subscription (az account show)?" >&2
  exit 1
}

# This machine's address, found once for every app.
find_client_cidr() {
  [[ -z "$client_cidr" ]] || return 0
  if [[ -z "$client_ip" ]]; then
    if [[ "$dry_run" == true ]]; then
      run curl -4 -fsS --max-time 10 https://api.ipify.org
      client_ip="<your-address>"
    else
      client_ip="$(curl -4 -fsS --max-time 10 https://api.ipify.org)" || {
        echo "publish.sh: could not find your public address; give it with --client-ip." >&2
        exit 1
      }
      is_address "$client_ip" || {
        echo "publish.sh: the address lookup answered '${client_ip:0:60}', which is not an IPv4 address; give yours with --client-ip." >&2
        exit 1
      }
    fi
  fi
  [[ "$client_ip" == *:* ]] && client_cidr="$client_ip/128" || client_cidr="$client_ip/32"
}

# Admits this machine on app $1 while func publishes to it, when the app admits only Front Door.
open_app() {
  local app="$1" restricted body rule add_query
  if [[ "$dry_run" == true ]]; then
    read_rules "$app" "$restricted_query"
    restricted=true
  else
    restricted="$(read_rules "$app" "$restricted_query")" || cant_read "$app"
    if [[ "$restricted" != true && "$restricted" != false ]]; then
      echo "publish.sh: reading the access rules of $app answered '${restricted:0:60}' where true or false was expected; is az 2.x on PATH?" >&2
      exit 1
    fi
  fi

  if [[ "$restricted" == false ]]; then
    echo "publish.sh: $app admits every address (no Front Door access restriction, as with useFrontDoor=false); publishing without a temporary access rule."
    return 0
  fi

  find_client_cidr
  rule="{\"name\":\"$rule_name\",\"action\":\"Allow\",\"ipAddress\":\"$client_cidr\",\"priority\":200,\"tag\":\"Default\",\"description\":\"eng/publish.sh: lets Core Tools check the host after publishing; removed when it ends\"}"
  # The app's rules, read afresh, then ours.
  add_query="{properties: {ipSecurityRestrictions: [$kept, \`[$rule]\`][]}}"
  if [[ "$dry_run" == true ]]; then
    read_rules "$app" "$add_query"
    open_apps+=("$app")
    write_rules "$app" "$dry_run_body"
  else
    body="$(read_rules "$app" "$add_query")" || cant_read "$app"
    echo "publish.sh: allowing $client_cidr on $app while func publishes (access rule '$rule_name')."
    # Marked before the write: a rule that was written although az reported a failure is removed too.
    open_apps+=("$app")
    write_rules "$app" "$body" || {
      echo "publish.sh: could not add the temporary access rule to $app (az's message is above)." >&2
      exit 1
    }
  fi
}

publish_to() {
  local app="$1" status=0
  open_app "$app"
  if [[ "$dry_run" == true ]]; then
    run cd "$output"
    run func azure functionapp publish "$app" --dotnet-isolated --no-build
  else
    # In the background so that a signal reaches the trap at once rather than after func ends.
    (cd "$output" && exec func azure functionapp publish "$app" --dotnet-isolated --no-build) &
    func_pid=$!
    wait "$func_pid" || status=$?
    func_pid=""
    [[ $status -eq 0 ]] || exit "$status"
  fi

  # Closed again before the next app opens: at most one app admits this machine at a time.
  for open in ${open_apps[@]+"${open_apps[@]}"}; do
    if [[ "$open" == "$app" ]]; then
      remove_rule_from "$app" || exit 1
    fi
  done
}

for app_name in "${app_names[@]}"; do
  publish_to "$app_name"
done
