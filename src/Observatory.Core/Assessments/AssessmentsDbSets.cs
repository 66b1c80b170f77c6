using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Assessments;

/// <summary>The sets of organisations' assessments (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class AssessmentsDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Assessment> Assessments => db.Set<Assessment>();

        public DbSet<AssessmentAnswer> AssessmentAnswers => db.Set<AssessmentAnswer>();

        public DbSet<SectionAssignment> SectionAssignments => db.Set<SectionAssignment>();
    }
}
