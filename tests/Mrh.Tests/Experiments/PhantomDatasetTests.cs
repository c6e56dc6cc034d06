using Mrh.Experiments;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

/// <summary>The phantom written as a dataset reads back, through the real-data path, as the phantom itself.</summary>
public class PhantomDatasetTests
{
    [Fact]
    public void ExportedPhantomReadsBackThroughTheManifestPath()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-phantom-dataset-").FullName;
        try
        {
            var study = new PhantomStudy(PhantomConfig.For(Preset.Smoke) with { Cohorts = new CohortSizes { AutoFluorescence = 3, AfReferenceAverage = 2, Shiverer = 1, ShivererControls = 1 } });
            string manifest = PhantomDatasetExport.Export(study, dir, ".nii");
            var phantom = new PhantomStudyData(study);
            var fromFiles = StudyData.Open("smoke", manifest);
            Assert.Equal(phantom.TrainingAnimals, fromFiles.TrainingAnimals);
            Assert.Equal(phantom.TestAnimals, fromFiles.TestAnimals);
            Assert.Equal(phantom.AfAnimals, fromFiles.AfAnimals);
            Assert.Equal(phantom.Protocol.Names, fromFiles.Protocol.Names);
            string a = phantom.TestAnimals[1];
            var m1 = phantom.Mri(a);
            var m2 = fromFiles.Mri(a);
            Assert.Equal(m1.ChannelNames, m2.ChannelNames);
            for (int c = 0; c < m1.ChannelCount; c += 11) Assert.Equal(m1.Channels[c], m2.Channels[c]); // float32 NIfTI: exact
            Assert.Equal(phantom.Mask(a), fromFiles.Mask(a));
            Assert.Equal(phantom.AfReference().Channels[0], fromFiles.AfReference().Channels[0]);
            Assert.Equal(phantom.Af(phantom.AfAnimals[2]).Channels[0], fromFiles.Af(phantom.AfAnimals[2]).Channels[0]);
            Assert.NotNull(fromFiles.Labels());
            // Fig. 3's groups: the single NF and MBP animals (histology only) and the shiverer experiment (MRI + MBP)
            foreach (var (group, stain) in new[] { ("nf", "NF"), ("mbp", "MBP"), ("shiverer", "MBP"), ("shiverer-control", "MBP") })
            {
                Assert.Equal(phantom.Group(group), fromFiles.Group(group));
                string animal = phantom.Group(group)[0];
                Assert.Equal(phantom.Histology(animal, stain).Channels[0], fromFiles.Histology(animal, stain).Channels[0]);
            }
            string mutant = phantom.Group("shiverer")[0];
            Assert.Equal(phantom.Mri(mutant).Channels[66], fromFiles.Mri(mutant).Channels[66]);
            Assert.Equal(phantom.Mask(mutant), fromFiles.Mask(mutant));
            Assert.Equal(PhantomDatasetExport.SubjectCount(study), Directory.GetDirectories(dir).Length);
        }
        finally { Directory.Delete(dir, true); }
    }
}
