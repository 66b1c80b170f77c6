namespace Observatory.Registers;

/// <summary>How a field of an algorithm record is entered and checked.</summary>
public enum FieldKind
{
    /// <summary>Set by the Observatory (the record's number, the standard version, the date last published), never typed.</summary>
    Generated,
    Text,
    LongText,
    Url,
    Email,
    /// <summary>A date, 2026-12-07.</summary>
    Date,
    /// <summary>A month, 2026-12, as the Dutch standard writes start and end dates.</summary>
    Month,
    /// <summary>One value of a vocabulary, stored as its slug.</summary>
    Choice,
    /// <summary>Any number of values of a vocabulary, stored as slugs separated by commas.</summary>
    Choices,
    /// <summary>A web address, or the number of an impact assessment in the Observatory.</summary>
    AssessmentLink,
}

/// <summary>One permitted value: the slug stored and exported, the words shown, and its value in the Dutch standard where it has one.</summary>
public sealed record VocabularyValue(string Slug, string Label, string? Dutch = null);

/// <summary>
/// One field of an algorithm record. The UK fields keep the reference numbers, attribute names, names, tiers,
/// required flags and completion notes of the Algorithmic Transparency Recording Standard v3.0 template (Central
/// Digital and Data Office, Open Government Licence v3.0), so that ATRS files import and export in the template's
/// own names; a field in a repeating group (third parties, models, data) names its group.
/// </summary>
public sealed record RegisterField(
    string Reference,
    string Attribute,
    string Name,
    string Group,
    int? Tier,
    bool Required,
    FieldKind Kind,
    string Hint,
    string? RepeatGroup,
    IReadOnlyList<VocabularyValue>? Vocabulary)
{
    /// <summary>The most characters any field holds; the Dutch standard's longest (technical operation) is 5,000.</summary>
    public const int MaxLength = 10_000;

    public bool IsStandardAtrs => !Reference.StartsWith("Other", StringComparison.Ordinal);

    public string? LabelOf(string slug) => Vocabulary?.FirstOrDefault(v => v.Slug == slug)?.Label;
}

/// <summary>A group of fields as the ATRS template groups them, with a heading for pages.</summary>
public sealed record RegisterGroup(string Id, string Title, int? Tier, string? RepeatGroup = null, string? ItemName = null);

/// <summary>
/// Every field of an algorithm record: the ATRS v3.0 template's, the two fields version 4.0 added to the tool
/// specification (System-level input and output, confirmed by the published v3.0 to v4.0 change log), and the
/// fields of the Dutch publication standard (Algoritmeregister Publicatiestandaard v1.0) and the Eurocities
/// Algorithmic Transparency Standard that add something the UK template lacks. The template lists "phase" twice
/// (0.13 and 2.4.1.2); it is one field here, as version 4.0 made it.
/// </summary>
public static class RegisterFields
{
    public static readonly IReadOnlyList<RegisterGroup> Groups =
    [
        new("metadata", "Metadata", null),
        new("title", "Title information", null),
        new("tier-1", "Tier 1: summary information", 1),
        new("owner", "Owner and responsibility", 2),
        new("description", "Description and rationale", 2),
        new("decision-making", "Decision-making process", 2),
        new("tool", "Tool specification", 2),
        new("model", "Model specification", 2, "model_specifications", "model"),
        new("data", "Data specification", 2, "data_specifications", "dataset"),
        new("risks", "Risks, mitigations and impact assessments", 2),
        new("other", "Other registers: Dutch and Eurocities fields", null),
    ];

    /// <summary>The repeating groups: their key in ATRS JSON, and the words for one entry.</summary>
    public static readonly IReadOnlyDictionary<string, string> RepeatGroups = new Dictionary<string, string>
    {
        ["external_suppliers"] = "external supplier",
        ["model_specifications"] = "model",
        ["data_specifications"] = "dataset",
    };

    public static readonly IReadOnlyList<RegisterField> All =
    [
        new("0.1", "id", "ID", "metadata", null, true, FieldKind.Generated, "", null, null),
        new("0.2", "standard_version", "Standard version", "metadata", null, true, FieldKind.Generated, "", null, null),
        new("0.3", "organisation_type", "Organisation type", "metadata", null, true, FieldKind.Choice, "", null, RegisterVocabularies.OrganisationTypes),
        new("0.4", "function", "Function", "metadata", null, true, FieldKind.Choice, "", null, RegisterVocabularies.Functions),
        new("0.5", "capability", "Capability", "metadata", null, true, FieldKind.Choice, "", null, RegisterVocabularies.Capabilities),
        new("0.6", "task", "Task", "metadata", null, true, FieldKind.Text, "", null, null),
        new("0.7", "tags", "Tags", "metadata", null, true, FieldKind.Text, "", null, null),
        new("0.8", "date_of_completion", "Date of completion", "metadata", null, true, FieldKind.Date, "", null, null),
        new("0.9", "date_updated", "Date updated", "metadata", null, true, FieldKind.Generated, "", null, null),
        new("0.10", "date_archived", "Date archived", "metadata", null, true, FieldKind.Date, "", null, null),
        new("0.11", "title", "Title", "title", null, true, FieldKind.Text, "Provide the name used to identify the algorithmic tool. This will be used in the title for the algorithmic transparency record.", null, null),
        new("0.12", "organisation_name", "Organisation name", "title", null, true, FieldKind.Text, "Provide the full name of the organisation, department or public sector body that completed the algorithmic transparency report and carries responsibility for use of the algorithmic tool. This name will be used in the title of the algorithmic transparency report.", null, null),
        new("0.13", "phase", "Phase", "title", null, true, FieldKind.Choice, "Indicate the phase the tool is currently in.", null, RegisterVocabularies.Phases),
        new("0.14", "region", "Region", "title", null, true, FieldKind.Choice, "Indicate the primary region over which the tool affects the public.", null, RegisterVocabularies.Regions),
        new("0.15", "one_sentence_description", "One sentence description", "title", null, true, FieldKind.Text, "Provide a one sentence description of the tool. This will function as a subheading underneath the title of the record.", null, null),
        new("1.1", "name", "Name", "tier-1", 1, true, FieldKind.Text, "Provide the name used to identify the algorithmic tool.", null, null),
        new("1.2", "description", "Description", "tier-1", 1, true, FieldKind.LongText, "Provide a basic overview of the purpose of the algorithmic tool. It should include:\n* how the algorithmic tool is used\n* why the algorithmic tool is being used", null, null),
        new("1.3", "website_url", "Website URL", "tier-1", 1, true, FieldKind.Url, "Provide a URL reference to a page with further information about the algorithmic tool and its use. This could be a local government page, a link to a GitHub repository or a departmental landing page with additional information.", null, null),
        new("1.4", "contact_email", "Contact email", "tier-1", 1, true, FieldKind.Email, "Provide an email address for the organisation or team responsible for this record. For continuity and security purposes, we advise using or creating a team email address instead of using an individual email address.", null, null),
        new("2.1.1", "organisation_or_department", "Organisation or department", "owner", 2, true, FieldKind.Text, "Provide the full name of the organisation, department or public sector body that carries responsibility for use of the algorithmic tool.", null, null),
        new("2.1.2", "team", "Team", "owner", 2, true, FieldKind.Text, "Provide the full name of the team that carries responsibility for use of the algorithmic tool.", null, null),
        new("2.1.3", "senior_responsible_owner", "Senior responsible owner", "owner", 2, true, FieldKind.Text, "Provide the name and the role title of the senior responsible owner for the algorithmic tool.", null, null),
        new("2.1.4", "external_supplier_involvement", "External supplier involvement", "owner", 2, true, FieldKind.Text, "Have external suppliers been involved in the development and operation of the tool?", null, null),
        new("2.1.4.1", "external_supplier", "External supplier", "owner", 2, false, FieldKind.Text, "Provide the name of any external organisation that has been contracted to develop the whole or parts of or the algorithmic tool.", "external_suppliers", null),
        new("2.1.4.2", "companies_house_number", "Companies House Number", "owner", 2, false, FieldKind.Text, "If available, provide the Companies House number of the external organisation that has been contracted to develop either the whole, or a part of the algorithmic tool.", "external_suppliers", null),
        new("2.1.4.3", "external_supplier_role", "External supplier role", "owner", 2, false, FieldKind.LongText, "Provide a short description of the role the external supplier had in the development of the algorithmic tool.\nIf multiple organisations have been contracted or there are multiple companies involved in the delivery of the tool, these relationships should be described clearly and concisely.", "external_suppliers", null),
        new("2.1.4.4", "procurement_procedure_type", "Procurement procedure type", "owner", 2, false, FieldKind.Text, "Provide the procurement procedure through which the contract has been set up. \nFor example, ‘open’, ‘restricted’, or ‘competitive procedure with negotiation’, or ‘call-off from a dynamic purchasing system’, and ‘call-off from a framework’ where a contracting authority has awarded to a supplier under a pre-established framework agreement.", "external_suppliers", null),
        new("2.1.4.5", "data_access_terms", "Data access terms", "owner", 2, false, FieldKind.LongText, "Detail the terms of access to (government) data granted to the external supplier.", "external_suppliers", null),
        new("2.2.1", "detailed_description", "Detailed description", "description", 2, false, FieldKind.LongText, "Provide a detailed description of how the algorithmic tool works.\nCompared to the high-level description in Tier 1, the detailed description should provide an explanation at a more granular and technical level.", null, null),
        new("2.2.2", "scope", "Scope", "description", 2, true, FieldKind.LongText, "Describe the purpose of the tool and the scenario(s) that it has been designed to be used in.\nThis can include a list of potential scenarios that the tool was not designed for, which can help to avoid misconceptions about the scope and purpose of the tool.", null, null),
        new("2.2.3", "benefit", "Benefit", "description", 2, true, FieldKind.LongText, "Describe the key benefits that the algorithmic tool is expected to deliver, and an expanded justification of why the tool is being used.", null, null),
        new("2.2.4", "previous_process", "Previous process", "description", 2, false, FieldKind.LongText, "Provide a description of the decision making process that took place prior to the deployment of the tool, where applicable.", null, null),
        new("2.2.5", "alternatives_considered", "Alternatives considered", "description", 2, false, FieldKind.LongText, "Provide, where applicable, a list of other algorithmic and non-algorithmic alternatives considered.\nThis can include why a certain algorithmic approach was chosen over other approaches, and why the chosen tool is the best available option given any known risks and shortcomings and trade-offs.", null, null),
        new("2.3.1", "process_integration", "Process integration", "decision-making", 2, true, FieldKind.LongText, "Explain how the algorithmic tool is integrated into the decision-making process and what influence the algorithmic tool has on the decision-making process. Provide a more detailed description of the wider decision-making process into which the algorithmic tool is embedded.", null, null),
        new("2.3.2", "provided_information", "Provided information", "decision-making", 2, true, FieldKind.LongText, "Describe how much and what information the algorithmic tool provides to the decision maker. For example, this can include the tool output and the form in which it is presented to the decision maker.", null, null),
        new("2.3.3", "frequency_and_scale_of_usage", "Frequency and scale of usage", "decision-making", 2, true, FieldKind.LongText, "Provide information on how regularly the algorithmic tool is being used and the scale of use.\nFor example, the number of decisions made per month, the number of citizens interacting with the tool, etc.", null, null),
        new("2.3.4", "human_decisions_and_review", "Human decisions and review", "decision-making", 2, true, FieldKind.LongText, "Describe the decisions that people take in the overall process. It should also detail human review options. For example, specific details on when and how a person reviews or checks the tool decision or prediction.", null, null),
        new("2.3.5", "required_training", "Required training", "decision-making", 2, true, FieldKind.LongText, "Describe the required training those deploying or using the algorithmic tool must undertake, if applicable. This can include training for operations, users, maintenance, compliance, or oversight personnel.", null, null),
        new("2.3.6", "appeals_and_review", "Appeals and review", "decision-making", 2, false, FieldKind.LongText, "Describe the mechanisms that are in place for review or appeal of the decision available to the general public, where applicable.", null, null),
        new("2.4.1.1", "system_architecture", "System architecture", "tool", 2, true, FieldKind.LongText, "Provide at least one of the following:\n* A high-level written description of the system architecture, summarising the key technical features of the tool.\n* A URL reference to documentation about the tool architecture. For example, a link to a GitHub repository image or additional documentation about the system architecture.", null, null),
        new("2.4.1.3", "maintenance", "Maintenance", "tool", 2, true, FieldKind.LongText, "Provide details of the maintenance schedule and frequency of any reviews. This includes information such as how often and in what way the tool is being reviewed post-deployment, and how it is being maintained if further development is needed.\nThis can concern maintenance both by the supplier as well as by the operator/user of the tool.", null, null),
        new("2.4.1.4", "models", "Models", "tool", 2, true, FieldKind.LongText, "Provide a list of models that feature within the tool. These may be rule-based, machine learning, and other statistical or mathematical models.\nFor example, a video conferencing tool contains multiple models that process and transform an input data stream. Transcription, background blurring and noise cancellation models feature within the tool.", null, null),
        new("2.4.1.2 (v4.0)", "system_level_input", "System-level input", "tool", 2, false, FieldKind.LongText, "Added in version 4.0 of the standard: describe what goes into the tool as a whole (the information a user or another system gives it).", null, null),
        new("2.4.1.3 (v4.0)", "system_level_output", "System-level output", "tool", 2, false, FieldKind.LongText, "Added in version 4.0 of the standard: describe what the tool as a whole gives back (a score, a flag, a draft text) and to whom.", null, null),
        new("2.4.2.1", "model_name", "Model name", "model", 2, true, FieldKind.Text, "Provide the name of the model.", "model_specifications", null),
        new("2.4.2.2", "model_version", "Model version", "model", 2, true, FieldKind.Text, "Provide the version of the model.", "model_specifications", null),
        new("2.4.2.3", "model_task", "Model task", "model", 2, true, FieldKind.LongText, "Provide a short description of the task the model is designed to perform.", "model_specifications", null),
        new("2.4.2.4", "model_input", "Model input", "model", 2, true, FieldKind.LongText, "Provide a short specification of the model input.", "model_specifications", null),
        new("2.4.2.5", "model_output", "Model output", "model", 2, true, FieldKind.LongText, "Provide a short specification of the model output.", "model_specifications", null),
        new("2.4.2.6", "model_architecture", "Model architecture", "model", 2, true, FieldKind.LongText, "Describe the model architecture. At minimum, please enter: the  type of model (e.g. random forest classifier, convolutional neural network, transformer, etc.). This can also include a short description of the method(s) and optimisation(s) employed, or a link to resources providing further resources on the method(s).\nWhere appropriate, please also desribe the model in more detail (e.g. the number of weights and layers, organisation of layers and structural features of note).", "model_specifications", null),
        new("2.4.2.7", "model_performance", "Model performance", "model", 2, true, FieldKind.LongText, "Provide details on the model's performance. Useful metrics to consider are: accuracy metrics (such as precision, recall, F1 scores), metrics related to privacy, and metrics related to computational efficiency. Describe any performance thresholds your model should exceed. Include links to graphs and tables where appropriate.\nIf you have evaluated performance with respect to particular subgroups within your data (i.e. fairness analysis) and taken measures to address these, please detail the results and any measures taken to address issues here.", "model_specifications", null),
        new("2.4.2.8", "datasets", "Datasets", "model", 2, true, FieldKind.LongText, "List all the datasets that have been used to develop the model.\nPlease indicate which datasets you have written a Dataset card for, if any.", "model_specifications", null),
        new("2.4.2.9", "dataset_purposes", "Dataset purposes", "model", 2, true, FieldKind.LongText, "Indicate how each dataset was used during the model development process (e.g. training, validation, testing).", "model_specifications", null),
        new("2.4.3.1", "source_data_name", "Source data name", "data", 2, true, FieldKind.Text, "Provide the name(s) of the dataset(s) used.", "data_specifications", null),
        new("2.4.3.2", "data_modality", "Data modality", "data", 2, true, FieldKind.Text, "Indicate the primary modality of the data.", "data_specifications", null),
        new("2.4.3.3", "data_description", "Data description", "data", 2, true, FieldKind.LongText, "Provide a short summary of the information captured by the dataset(s).", "data_specifications", null),
        new("2.4.3.4", "data_quantities", "Data quantities", "data", 2, true, FieldKind.LongText, "Describe the amount of data used for model development. This can include the number of samples and attributes within the dataset(s), or the size of the dataset(s) in bytes.\nIf data was split to train, validate and test a model, please provide the relative sizes of each set.", "data_specifications", null),
        new("2.4.3.5", "sensitive_attributes", "Sensitive attributes", "data", 2, true, FieldKind.LongText, "Provide a list of the sensitive attributes contained within the dataset(s), if any. These may include personal data, protected characteristics or proxy variables.", "data_specifications", null),
        new("2.4.3.6", "data_completeness_and_representativeness", "Data completeness and representativeness", "data", 2, true, FieldKind.LongText, "Provide information on the completeness of the data, including missing data and how representative the data is with respect to a target population.", "data_specifications", null),
        new("2.4.3.7", "source_data_url", "Source data URL", "data", 2, true, FieldKind.Url, "Provide a URL to the openly accessible data if possible.", "data_specifications", null),
        new("2.4.3.8", "data_collection", "Data collection", "data", 2, true, FieldKind.LongText, "Provide information on the data collection process. This can include details on the original purpose of data collection and the context in which it was initially collected. If the data was initially collected for different purposes and is now being repurposed, there should be consideration of to what extent the data transferable and suitable for the new context.", "data_specifications", null),
        new("2.4.3.9", "data_cleaning", "Data cleaning", "data", 2, false, FieldKind.LongText, "Provide information on data cleaning, including a description of any pre-processing or cleaning of the data conducted by either the supplier or public sector customer.", "data_specifications", null),
        new("2.4.3.10", "data_sharing_agreements", "Data sharing agreements", "data", 2, true, FieldKind.LongText, "Provide information on data sharing agreements in place.", "data_specifications", null),
        new("2.4.3.11", "data_access_and_storage", "Data access and storage", "data", 2, true, FieldKind.LongText, "Provide details of who has, or will have, access to this data; how long it is stored; under what circumstances; and who is responsible for its storage.\nWhere sensitive data is being stored and accessed, a description of the mechanisms used to protect the security and privacy of the data should be described, including technical (e.g. de-identification techniques, Privacy Enhancing Technologies) and operational (e.g. role-based access controls) methods.", "data_specifications", null),
        new("2.5.1", "impact_assessment", "Impact assessment", "risks", 2, true, FieldKind.LongText, "Provide the names and a short overview of the impact assessments conducted, date of completion, and if possible a summary of the findings. If available, a publicly accessible link should be provided.\nIf multiple impact assessments were completed, they should all be listed in this field.\nExamples of impact assessments are Data Protection Impact Assessments (DPIAs), Equality Impact Assessments, Algorithmic Impact Assessments. This field also provides an opportunity to list other monitoring and evaluation requirements under relevant legislation.", null, null),
        new("2.5.2", "risks_and_mitigations", "Risks and mitigations", "risks", 2, true, FieldKind.LongText, "List and describe the possible risks that have been identified for the algorithmic tool.\nWhere possible, also give an overview of how the risks have been mitigated.", null, null),
        new("Other 1", "status", "Status", "other", null, false, FieldKind.Choice, "Where the tool is in its life, in the Eurocities standard's words. The Dutch register's status (in development, in use, out of use) follows from it, or from the phase when it is not given.", null, RegisterVocabularies.Statuses),
        new("Other 2", "publication_category", "Publication category", "other", null, false, FieldKind.Choice, "The Dutch standard's category: a high-risk AI system under the EU AI Act, an impactful algorithm (one that affects people's rights or duties), or another algorithm.", null, RegisterVocabularies.PublicationCategories),
        new("Other 3", "risk_category", "Risk category", "other", null, false, FieldKind.Choice, "The Eurocities standard's risk category.", null, RegisterVocabularies.RiskCategories),
        new("Other 4", "themes", "Policy areas", "other", null, false, FieldKind.Choices, "The policy areas of the Dutch standard the tool serves.", null, RegisterVocabularies.Themes),
        new("Other 5", "start_date", "Month it came into use", "other", null, false, FieldKind.Month, "For example, 2025-04.", null, null),
        new("Other 6", "end_date", "Month it stopped being used", "other", null, false, FieldKind.Month, "For example, 2027-03. Leave blank while it is in use.", null, null),
        new("Other 7", "considerations", "Weighing of benefits and harms", "other", null, false, FieldKind.LongText, "Why using the tool is justified: its benefits against its possible harms, the alternatives, and whether it is proportionate and necessary.", null, null),
        new("Other 8", "legal_basis", "Legal basis", "other", null, false, FieldKind.LongText, "The law that allows the work the tool supports.", null, null),
        new("Other 9", "legal_basis_title", "Title of the law", "other", null, false, FieldKind.Text, "For example, Housing Act 1996.", null, null),
        new("Other 10", "legal_basis_link", "Link to the law", "other", null, false, FieldKind.Url, "A web address, for example on legislation.gov.uk.", null, null),
        new("Other 11", "processing_register_link", "Link to the record of processing", "other", null, false, FieldKind.Url, "The public part of the organisation's UK GDPR record of processing for this work.", null, null),
        new("Other 12", "impact_assessment_link", "Algorithmic impact assessment", "other", null, false, FieldKind.AssessmentLink, "A web address of the published impact assessment, or the number of the tool's impact assessment in the Observatory.", null, null),
        new("Other 13", "impact_assessment_explanation", "Why an impact assessment was not done", "other", null, false, FieldKind.LongText, "Only if one was not needed or not done.", null, null),
        new("Other 14", "source_code_link", "Link to the source code", "other", null, false, FieldKind.Url, "Where the code can be read, if it is published.", null, null),
        new("Other 15", "transparency_limits", "Information withheld", "other", null, false, FieldKind.LongText, "Any part of this record left out, and why (for example, to avoid helping people game a fraud check).", null, null),
    ];

    private static readonly Dictionary<string, RegisterField> ByAttribute = All.ToDictionary(f => f.Attribute, StringComparer.Ordinal);

    public static RegisterField? Find(string attribute) => ByAttribute.GetValueOrDefault(attribute);

    /// <summary>The fields stored once per record (not in a repeating group).</summary>
    public static IEnumerable<RegisterField> Single => All.Where(f => f.RepeatGroup is null);

    public static IEnumerable<RegisterField> InGroup(string repeatGroup) => All.Where(f => f.RepeatGroup == repeatGroup);

    /// <summary>The fields a record must have before it goes for approval: its title information and Tier 1 summary, which the public finder shows.</summary>
    public static IEnumerable<RegisterField> NeededToSubmit => All.Where(f => f.Required && f.Kind != FieldKind.Generated && (f.Group is "title" or "tier-1"));
}
