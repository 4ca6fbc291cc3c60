// Names derived from a domain, shared by main.bicep and the tests that pin them.

// Front Door custom domain names allow letters, digits and hyphens: the readable part alone would make a-b.example and
// a.b-example collide, so a hash of the name follows.
@export()
@description('Resource name of a Front Door custom domain: the host name with hyphens for dots, then a hash of it.')
func customDomainResourceName(name string) string => '${replace(name, '.', '-')}-${uniqueString(name)}'

// Nested deployment names live in the zone's resource group, which other deployments of this template may share.
@export()
@description('Name of the nested deployment that writes a domain\'s records: unique per domain and per deploying resource group.')
func dnsDeploymentName(resourceGroupId string, name string) string =>
  'dns-${take(name, 40)}-${uniqueString(resourceGroupId, name)}'

// Shard 0 keeps the name a single-profile deployment always had, so sharding moves nothing that exists.
@export()
@description('Name of shard `shard` of a per-shard resource (Front Door profile, endpoint, nested deployment): the base name for shard 0, then base-shard.')
func shardName(baseName string, shard int) string => shard == 0 ? baseName : '${baseName}-${shard}'
