#!/usr/bin/env bash
# Builds the function app's publish output (ReadyToRun, for shorter cold starts) and publishes it with Core Tools.
#
#   eng/publish.sh <function-app-name> --resource-group <rg> [--client-ip <address>] [--dry-run]
#   eng/publish.sh --output-only <dir>     build only (what the tests run)
#
# --dry-run prints the commands instead of running them. Needs the .NET SDK; publishing also needs Azure Functions
# Core Tools (func) and the Azure CLI (az), signed in, with rights to change the app's access restrictions.
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
app_name=""
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
      [[ -z "$app_name" ]] || fail_usage "unexpected argument '$1'."
      app_name="$1"
      shift
      ;;
  esac
done

if [[ "$output_only" == false ]]; then
  [[ -n "$app_name" ]] || fail_usage "give the function app name (the functionAppName output of infra/main.bicep)."
  [[ -n "$resource_group" ]] || fail_usage "give the resource group of the function app (--resource-group)."
  if [[ -n "$client_ip" && ! "$client_ip" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ && ! "$client_ip" =~ ^[0-9a-fA-F:]*:[0-9a-fA-F:]*$ ]]; then
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

# Prints a command in a form the shell reads back, or runs it.
run() {
  if [[ "$dry_run" == true ]]; then
    printf '+'
    printf ' %q' "$@"
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
# 3 s apart; AzureHelper.CheckFunctionHostStatusForFlex), from this machine. The site admits only Front Door, so that
# answers 403 and the tool calls a working deployment unhealthy. A rule for this machine's address lets the probe
# through for the length of the publish; the EXIT trap removes it whatever happens.
if [[ -z "$client_ip" ]]; then
  if [[ "$dry_run" == true ]]; then
    run curl -4 -fsS --max-time 10 https://api.ipify.org
    client_ip="<your-address>"
  else
    client_ip="$(curl -4 -fsS --max-time 10 https://api.ipify.org)" || {
      echo "publish.sh: could not find your public address; give it with --client-ip." >&2
      exit 1
    }
  fi
fi
[[ "$client_ip" == *:* ]] && client_cidr="$client_ip/128" || client_cidr="$client_ip/32"

rule_name="eng-publish-temporary"
rule_added=false
func_pid=""

remove_rule() {
  local status=$?
  if [[ "$rule_added" == true ]]; then
    if ! run az functionapp config access-restriction remove --resource-group "$resource_group" --name "$app_name" \
      --rule-name "$rule_name"; then
      echo "publish.sh: the temporary access rule '$rule_name' is still on $app_name; remove it:" >&2
      echo "  az functionapp config access-restriction remove --resource-group $resource_group --name $app_name --rule-name $rule_name" >&2
      [[ $status -ne 0 ]] || status=1
    fi
  fi
  exit "$status"
}

on_signal() {
  [[ -z "$func_pid" ]] || kill "$func_pid" 2> /dev/null || true
  exit "$1"
}

trap remove_rule EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# Marked before the call: a rule that was written although the command failed is removed too.
rule_added=true
run az functionapp config access-restriction add --resource-group "$resource_group" --name "$app_name" \
  --rule-name "$rule_name" --action Allow --ip-address "$client_cidr" --priority 200 \
  --description "eng/publish.sh: lets Core Tools check the host after publishing; removed when it ends"

if [[ "$dry_run" == true ]]; then
  run cd "$output"
  run func azure functionapp publish "$app_name" --dotnet-isolated --no-build
  exit 0
fi

# In the background so that a signal reaches the trap at once rather than after func ends.
(cd "$output" && exec func azure functionapp publish "$app_name" --dotnet-isolated --no-build) &
func_pid=$!
wait "$func_pid"
