// Every kind of metadata leak this reader reports, with its plain-language wording. One entry per
// stable finding id; the readers only say which id they found and the value.
import type { MetadataCategory, Severity } from '../findings.js';

export interface LeakKind {
  category: MetadataCategory;
  severity: Severity;
  title: string;
  explanation: string;
  action: string;
}

const REMOVED = 'Removed from the safe copy.';

export const LEAK_KINDS = {
  'gps.position': {
    category: 'location', severity: 'critical',
    title: 'The exact place this photo was taken',
    explanation: 'The photo carries map coordinates of where it was taken, usually precise enough to pick out a single building. Anyone who gets the file can put it on a map and see your home, school or workplace.',
    action: REMOVED,
  },
  'gps.details': {
    category: 'location', severity: 'medium',
    title: 'Details of how and where the phone was moving',
    explanation: 'Height above sea level, the direction the camera faced, speed or satellite details. With other clues these help pin down where you were.',
    action: REMOVED,
  },
  'gps.empty': {
    category: 'location', severity: 'low',
    title: 'Location fields present but empty',
    explanation: 'The photo has room for a location, but it is empty or set to zero, so it does not reveal where you were.',
    action: REMOVED,
  },
  'location.path': {
    category: 'location', severity: 'critical',
    title: 'The path you moved along while filming',
    explanation: 'The video carries a track of GPS positions recorded while it was filmed: not one point but the route, often precise to a few metres. It can show where you started and where you went.',
    action: 'The location track is removed from the safe copy.',
  },
  'location.place-names': {
    category: 'location', severity: 'high',
    title: 'Names of places: city, region, country or spot',
    explanation: 'The photo names the place it shows or was taken in. Someone could use this to narrow down where you live or spend time.',
    action: REMOVED,
  },
  'location.cell-tower': {
    category: 'location', severity: 'high',
    title: 'The mobile phone mast the phone was connected to',
    explanation: 'The photo names the mobile network cell the phone used. Public maps of phone masts turn these numbers into a place, often within a few hundred metres in a town.',
    action: REMOVED,
  },
  'location.home-city': {
    category: 'location', severity: 'medium',
    title: 'The home city set in the camera',
    explanation: 'The camera stores the city chosen for its clock, which is often where its owner lives.',
    action: REMOVED,
  },
  'location.map-reference': {
    category: 'location', severity: 'high',
    title: 'The picture is pinned to a place on a map',
    explanation: 'The file carries map references that tie the picture to a real-world area.',
    action: REMOVED,
  },
  'identity.people': {
    category: 'identity', severity: 'high',
    title: 'Names of the author, photographer or copyright holder',
    explanation: 'The photo names who took it, wrote about it or owns it. Your name can be searched to find you.',
    action: REMOVED,
  },
  'identity.owner': {
    category: 'identity', severity: 'high',
    title: "The camera owner's name",
    explanation: "The camera wrote its owner's name into the photo. Anyone with the file can read it.",
    action: REMOVED,
  },
  'identity.content-credentials': {
    category: 'identity', severity: 'medium',
    title: 'Content credentials: who made or edited the photo, and with what',
    explanation: 'A signed record (C2PA "content credentials") written by newer phones and editors. It can name the author, the account or organisation that signed it, the apps used and when, and sometimes where.',
    action: REMOVED,
  },
  'identity.contact': {
    category: 'identity', severity: 'high',
    title: 'Contact details: address, phone, e-mail or website',
    explanation: 'The photo carries contact details of its creator, which can lead straight to you.',
    action: REMOVED,
  },
  'xmp.face-regions': {
    category: 'identity', severity: 'high',
    title: 'Named faces: who is in the photo',
    explanation: 'A photo app marked faces in the picture and stored the names of the people.',
    action: REMOVED,
  },
  'identity.persons-shown': {
    category: 'identity', severity: 'high',
    title: 'Names of the people shown',
    explanation: 'The photo lists the names of the people in it.',
    action: REMOVED,
  },
  'device.serial-number': {
    category: 'device', severity: 'high',
    title: 'The serial number of your camera or lens',
    explanation: 'A serial number is unique to your device. It can link this photo to every other photo you have posted with the same camera, and to you if the camera was registered or sold.',
    action: REMOVED,
  },
  'device.make-model': {
    category: 'device', severity: 'medium',
    title: 'The make and model of your phone or camera',
    explanation: 'This narrows down who took the photo and can link it to other photos from the same device.',
    action: REMOVED,
  },
  'device.maker-notes': {
    category: 'device', severity: 'medium',
    title: "The camera maker's private notes",
    explanation: 'Cameras and phones store private settings data that can include serial numbers, owner names or other details about the device.',
    action: REMOVED,
  },
  'icc.device': {
    category: 'device', severity: 'low',
    title: 'The colour profile names a device or company',
    explanation: 'The colour profile, which keeps colours right, carries the name of the company or device that made it. This is usually generic.',
    action: 'The colour profile is kept so colours stay right; its maker, model and description fields are blanked in the safe copy.',
  },
  'time.taken': {
    category: 'time', severity: 'medium',
    title: 'The date and time the photo was taken or edited',
    explanation: 'Exact times can show your daily routine, or prove you were somewhere at a given moment.',
    action: REMOVED,
  },
  'time.header': {
    category: 'time', severity: 'low',
    title: 'The date and time stored in the video header',
    explanation: 'Every MP4 or MOV file has a header with the date and time it was recorded or last saved. On its own it does not say where you were.',
    action: 'Kept in the safe copy by default (the date alone rarely locates anyone); choose "clear the dates" to set it to zero.',
  },
  'filename.timestamp': {
    category: 'time', severity: 'medium',
    title: 'The file name contains the date and time',
    explanation: 'Phones name photos after the moment they were taken. The name travels with the file when you share it.',
    action: 'The safe copy keeps the name you give it; rename the file before posting if the date matters.',
  },
  'software.editor': {
    category: 'software', severity: 'low',
    title: 'The apps used to make or edit the photo',
    explanation: 'Names and versions of the phone software or editing programs used. On its own this says little about you.',
    action: REMOVED,
  },
  'software.edit-history': {
    category: 'software', severity: 'medium',
    title: 'The editing history of the photo',
    explanation: 'A record of when and with which programs the photo was changed. It can show that the picture was cropped or edited and when.',
    action: REMOVED,
  },
  'software.ai-generation': {
    category: 'software', severity: 'medium',
    title: 'AI image-generation settings and prompt',
    explanation: 'The image carries the text prompt and settings used to generate it, which can reveal what you typed and which tools you use.',
    action: REMOVED,
  },
  'ids.document': {
    category: 'software', severity: 'medium',
    title: 'Unique ids that link this photo to its original',
    explanation: 'Ids written by cameras and editing apps stay the same across copies. They can link a cropped or edited photo back to the original, or to your other photos.',
    action: REMOVED,
  },
  'text.description': {
    category: 'other', severity: 'medium',
    title: 'Captions, comments, titles or keywords',
    explanation: 'Text stored inside the file, which you may never have seen. It can contain names, places or anything else someone typed.',
    action: REMOVED,
  },
  'thumbnail.ifd1': {
    category: 'hidden-image', severity: 'high',
    title: 'A hidden small copy of the photo',
    explanation: 'The file contains a small preview picture. If you crop or edit the photo, the preview may still show the original, uncropped picture.',
    action: REMOVED,
  },
  'thumbnail.preview': {
    category: 'hidden-image', severity: 'high',
    title: 'A hidden preview image',
    explanation: 'The camera or editing program stored an extra preview picture inside the file. It may show the photo before cropping or editing.',
    action: REMOVED,
  },
  'mpf.images': {
    category: 'hidden-image', severity: 'high',
    title: 'Extra pictures stored after the main photo',
    explanation: 'The file holds more than one picture (a second view, a large preview or a brightness map). They can show more than the photo you see.',
    action: REMOVED,
  },
  'jpeg.trailing-data': {
    category: 'hidden-image', severity: 'high',
    title: 'Hidden data after the end of the picture',
    explanation: 'Data is attached after the picture itself: for example a short video (a "motion photo"), a depth map or another image. It can show what happened just before or after the photo.',
    action: REMOVED,
  },
  'xmp.embedded-image': {
    category: 'hidden-image', severity: 'high',
    title: 'A hidden image inside the text metadata',
    explanation: 'Some phone cameras store a second picture or a depth map as text inside the file. It can show more than the photo you see.',
    action: REMOVED,
  },
  'file.trailing-data': {
    category: 'hidden-image', severity: 'high',
    title: 'Hidden data after the end of the picture',
    explanation: 'Data is attached after the picture itself. It could be another image, a video or anything else, and it travels with the photo when you share it.',
    action: REMOVED,
  },
  'video.data-track': {
    category: 'other', severity: 'medium',
    title: 'Recorded data playing alongside the video',
    explanation: 'Besides the picture and sound, the video carries a track of recorded data: camera motion, positions of faces, camera settings or sensor readings over time. Some cameras put their location in such a track.',
    action: 'The data track is removed from the safe copy; the picture and sound are kept as they are.',
  },
  'heif.thumbnail': {
    category: 'hidden-image', severity: 'high',
    title: 'Hidden thumbnails or extra images',
    explanation: 'The photo contains small preview pictures or extra images (such as depth maps). They may show the photo before editing.',
    action: 'The safe copy is made from the main picture only; the extra images are left out.',
  },
  'exif.orientation': {
    category: 'other', severity: 'low',
    title: 'Which way up the photo is',
    explanation: 'A note that tells viewers how to turn the photo. It reveals nothing about you.',
    action: 'Kept so the photo stays upright: it reveals nothing about you.',
  },
  'icc.profile': {
    category: 'other', severity: 'low',
    title: 'A colour profile',
    explanation: 'Technical information that keeps colours looking right. It reveals nothing about you once its name fields are blanked.',
    action: 'Kept so colours stay right, with identifying fields blanked.',
  },
  'metadata.other': {
    category: 'other', severity: 'low',
    title: 'Other technical information',
    explanation: 'Camera settings and technical details (exposure, flash, lens settings). They reveal little about you.',
    action: REMOVED,
  },
  'metadata.damaged': {
    category: 'other', severity: 'low',
    title: 'A damaged metadata section could not be fully read',
    explanation: 'Part of the hidden information in this file is damaged, so not all of it could be shown. It is removed from the safe copy all the same.',
    action: REMOVED,
  },
} as const satisfies Record<string, LeakKind>;

export type LeakId = keyof typeof LEAK_KINDS;
