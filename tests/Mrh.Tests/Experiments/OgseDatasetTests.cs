using Mrh.Experiments;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

/// <summary>Fig. 4's PGSE + OGSE animals written as their own dataset read back, through the manifest path, as the phantom.</summary>
public class OgseDatasetTests
{
    [Fact]
    public void NisslExperimentReadsTheSameVolumesFromTheOgseExportAsFromThePhantom()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-ogse-dataset-").FullName;
        try
        {
            var study = new PhantomStudy(PhantomConfig.For(Preset.Smoke) with { Cohorts = new CohortSizes { Sas4 = 1, Sas4Controls = 2 } });
            string manifest = PhantomDatasetExport.ExportOgse(study, dir, ".nii");
            Assert.Equal(Path.Combine(dir, PhantomDatasetExport.OgseFolder, "dataset.json"), manifest);
            var settings = ExperimentSettings.For(Preset.Smoke);
            var phantom = new NisslExperiment(new PhantomStudyData(study), settings);
            var files = new NisslExperiment(StudyData.Open("smoke", manifest), settings);
            Assert.Equal(phantom.Controls, files.Controls);
            Assert.Equal(phantom.Mutants, files.Mutants);
            Assert.Equal(phantom.Protocol.Names, files.Protocol.Names);
            Assert.Equal(phantom.Protocol.Channels.Select(c => c.OgseFrequencyHz), files.Protocol.Channels.Select(c => c.OgseFrequencyHz));
            Assert.Equal(phantom.Split.TrainSections, files.Split.TrainSections);
            Assert.Equal(phantom.Split.TestSections, files.Split.TestSections);
            foreach (var a in phantom.Controls.Concat(phantom.Mutants))
            {
                var m1 = phantom.Mri(a);
                var m2 = files.Mri(a);
                for (int c = 0; c < m1.ChannelCount; c += 13) Assert.Equal(m1.Channels[c], m2.Channels[c]); // float32 NIfTI: exact
                Assert.Equal(phantom.Nissl(a).Channels[0], files.Nissl(a).Channels[0]);
                Assert.Equal(phantom.MaskOf(a), files.MaskOf(a));
            }
            // one --dataset for every notebook: a main manifest without OGSE images leads Fig. 4 to ogse/dataset.json next to it
            var writer = new Mrh.Data.DatasetWriter(dir, Mrh.Data.Protocol.Default67().Select([64]), "main");
            writer.AddSubject("s1", Mrh.Imaging.Volume.Zeros(3, 3, 3).WithChannelNames(["T2W"]));
            writer.Save();
            Assert.Equal(Path.GetFullPath(manifest), Path.GetFullPath(((DatasetStudyData)StudyData.OpenOgse("smoke", dir)).Dataset.ManifestPath));
            Assert.Equal(Path.GetFullPath(manifest), Path.GetFullPath(((DatasetStudyData)StudyData.OpenOgse("smoke", manifest)).Dataset.ManifestPath));
            Assert.IsType<PhantomStudyData>(StudyData.OpenOgse("smoke", ""));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AManifestWithoutTheSas4GroupsIsAClearError()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-ogse-missing-").FullName;
        try
        {
            var study = new PhantomStudy(PhantomConfig.For(Preset.Smoke) with { Cohorts = new CohortSizes { MriTraining = 1, MriTest = 1, AutoFluorescence = 1, AfReferenceAverage = 1, Shiverer = 1, ShivererControls = 1 } });
            string manifest = PhantomDatasetExport.Export(study, dir, ".nii");
            var e = Assert.Throws<MrhException>(() => new NisslExperiment(StudyData.Open("smoke", manifest), ExperimentSettings.For(Preset.Smoke)));
            Assert.Contains("sas4-control", e.Message);
            Assert.Contains("no OGSE images", Assert.Throws<MrhException>(() => StudyData.OpenOgse("smoke", manifest)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
