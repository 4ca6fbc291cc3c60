using Spectre.Console;
using Spectre.Console.Rendering;

namespace Delegation.Cli.Common;

/// <summary>A progress column showing rows done of the total and the current rate.</summary>
internal sealed class RowCountColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text($"{task.Value:N0}/{task.MaxValue:N0} rows, {task.Speed ?? 0:N0}/s");
}
