using Microsoft.Extensions.Logging;

namespace Delegation.Serving;

public sealed partial class RequestedHost
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.MissingHostHeader, Level = LogLevel.Warning, Message = "A request from Front Door {FrontDoorId} carries neither X-Delegation-Host nor X-Forwarded-Host, so it is answered for Host {Host}: the Front Door route needs the rule set that writes X-Delegation-Host (infra/modules/front-door.bicep)")]
        public static partial void MissingHostHeader(ILogger logger, string frontDoorId, string host);
    }
}
