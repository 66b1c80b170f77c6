using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Observatory.Architecture.Tests;

/// <summary>
/// One way to refuse: a Core service that turns a request down returns an <c>Outcome</c> with a <c>Refusal</c>
/// (invalid, forbidden, not found, conflict), and each host maps it in one place. Exceptions borrowed from the
/// framework for those outcomes — "unauthorised access" for a workflow rule, "key not found" for an item someone may
/// not see — are not made in Core, and the pages and endpoints do not catch them.
/// </summary>
public sealed class RefusalTests
{
    /// <summary>The exceptions once used for expected outcomes (AccountException is gone: a refusal says what it said).</summary>
    private static readonly string[] Borrowed = ["System.UnauthorizedAccessException", "System.Collections.Generic.KeyNotFoundException", "Observatory.Accounts.AccountException"];

    [Fact]
    public void Core_makes_no_borrowed_exception_for_an_expected_outcome()
    {
        using var core = AssemblyDefinition.ReadAssembly(Assemblies.Core.Location);
        var methods = core.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        methods.Count.ShouldBeGreaterThan(1000, "the scan reads Core's methods, state machines of async methods included");

        // A `new` of one of them, whether thrown or handed back, anywhere in Core's code.
        var made = (from method in methods
                    from instruction in method.Body.Instructions
                    where instruction.OpCode == OpCodes.Newobj && instruction.Operand is MethodReference constructor && Borrowed.Contains(constructor.DeclaringType.FullName)
                    select $"  {Readable(method)} makes {((MethodReference)instruction.Operand).DeclaringType.Name}").Distinct().ToList();

        made.ShouldBeEmpty("Core services return a Refusal (Outcomes/Outcome.cs) for an expected outcome, but:\n" + string.Join("\n", made));
    }

    /// <summary>The types that read the shipped <c>data/</c> folder at start-up, where a bad file stops the Observatory.</summary>
    private static readonly string[] ShippedContentLoaders =
    [
        "Observatory.Places.PlaceReader", "Observatory.Frameworks.FrameworkCatalogue", "Observatory.Indicators.IndicatorCatalogue",
        "Observatory.Indicators.Importing.ShippedDataSeeder", "Observatory.Portraits.PortraitDefinitions", "Observatory.Portraits.NationalPortraitData",
        "Observatory.Indices.IndexDefinitions", "Observatory.Similarity.SimilarAreaSets", "Observatory.Evidence.ShippedEvidence",
        "Observatory.Assessments.AssessmentCatalogue", "Observatory.Decisions.DecisionWheels", "Observatory.Registers.ServiceAreas", "Observatory.Similarity.OnsClusters", "Observatory.Frameworks.SourceDocuments",
        "Observatory.Assessments.AlgorithmicImpact.AlgorithmicImpactAssessment",
    ];

    private const string ShippedContentFailure = "Observatory.Content.ContentValidationException";

    /// <summary>
    /// A bad file the Observatory ships is a fault of the installation and stops start-up with an exception naming
    /// every problem; a bad file or form from a person — an upload, a command-line import — is an expected outcome,
    /// refused with an Outcome. So only the loaders of shipped content make that exception: not the importer, the
    /// CSV reader or any service a request reaches.
    /// </summary>
    [Fact]
    public void Only_the_loaders_of_shipped_content_refuse_by_exception()
    {
        using var core = AssemblyDefinition.ReadAssembly(Assemblies.Core.Location);
        var makers = (from type in core.MainModule.GetTypes()
                      from method in type.Methods
                      where method.HasBody
                      from instruction in method.Body.Instructions
                      where instruction.OpCode == OpCodes.Newobj && instruction.Operand is MethodReference constructor && constructor.DeclaringType.FullName == ShippedContentFailure
                      select Outermost(type).FullName).Distinct().ToList();
        makers.Count.ShouldBeGreaterThan(5, "the scan finds the loaders of shipped content");

        var others = makers.Except(ShippedContentLoaders).Select(m => "  " + m).ToList();

        others.ShouldBeEmpty("only shipped content is refused by exception; a person's input is refused with an Outcome (Refusal.Invalid), but these make one:\n" + string.Join("\n", others));
    }

    [Fact]
    public void Pages_and_endpoints_never_see_a_shipped_content_failure()
    {
        Types.InAssembly(Assemblies.Web).That().ResideInNamespaceMatching(Assemblies.Within("Observatory.Web.Features"))
            .ShouldNot().HaveDependencyOnAny(ShippedContentFailure).GetResult()
            .ShouldPass("an import or form is refused with an Outcome; only start-up meets a bad shipped file");
    }

    [Fact]
    public void No_account_exception_is_left_in_core()
    {
        Types.InAssembly(Assemblies.Core).That().ResideInNamespaceMatching(Assemblies.Within("Observatory")).ShouldNot().HaveDependencyOnAny("Observatory.Accounts.AccountException").GetResult()
            .ShouldPass("Core refuses with an Outcome, not an AccountException");
        Assemblies.Core.GetType("Observatory.Accounts.AccountException").ShouldBeNull();
    }

    [Fact]
    public void Pages_and_endpoints_catch_no_borrowed_exception()
    {
        Types.InAssembly(Assemblies.Web).That().ResideInNamespaceMatching(Assemblies.Within("Observatory.Web.Features"))
            .ShouldNot().HaveDependencyOnAny(Borrowed).GetResult()
            .ShouldPass("A page maps a Refusal with this.Refuse(refusal, Errors) and an endpoint with refusal.ToProblem(); neither catches a borrowed exception");
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    /// <summary>The method a compiler-made state machine or closure belongs to, as a person wrote it.</summary>
    private static string Readable(MethodDefinition method)
    {
        var type = method.DeclaringType;
        while (type.DeclaringType is not null && type.Name.Contains('<', StringComparison.Ordinal))
        {
            type = type.DeclaringType;
        }
        var name = method.DeclaringType.Name.Contains('<', StringComparison.Ordinal) ? method.DeclaringType.Name : method.Name;
        return $"{type.FullName}.{name}";
    }
}
